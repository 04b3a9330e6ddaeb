package dev.reddot.broker.security;

import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.security.SecurityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The broker's authenticator and authorizer in {@code reddot.security.mode=token}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "reddot.security.mode", havingValue = "token")
class TokenSecurityConfiguration {

    @Bean
    TokenSecurity brokerTokenSecurity(SecurityProperties security) {
        if (security.jwtSecret() == null) {
            throw new IllegalStateException("reddot.security.mode=token needs reddot.security.jwt-secret "
                    + "(the HS256 key tokens are signed with, at least 32 bytes)");
        }
        return new TokenSecurity(new AccessTokens(security.jwtSecret()));
    }
}
