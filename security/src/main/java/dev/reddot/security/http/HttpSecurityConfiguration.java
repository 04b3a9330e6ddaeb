package dev.reddot.security.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

import dev.reddot.security.SecurityProperties;

/**
 * What a service that serves HTTP with Spring Security gets from this module. Left out of the broker alone, which
 * serves no HTTP and has no Spring Security on its classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
class HttpSecurityConfiguration {

    @Bean
    ServiceSecurity serviceSecurity(SecurityProperties security, ObjectProvider<ServerProperties> server) {
        return new ServiceSecurity(security, server);
    }

    /** One firewall for the whole context: Spring Security takes the firewall of a single customizer. */
    @Bean
    WebSecurityCustomizer reddotFirewall() {
        return web -> web.httpFirewall(RejectedRequests.firewall()).requestRejectedHandler(new RejectedRequests());
    }
}
