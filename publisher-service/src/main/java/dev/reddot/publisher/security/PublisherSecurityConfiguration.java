package dev.reddot.publisher.security;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of {@code /api/**}. Open mode: everyone, as before. Token mode: an admin token in
 * {@code Authorization: Bearer} (the API is for services and operators, which can always set a header).
 * Everything else the publisher serves ({@code /actuator/health}) is outside this chain and public. The chain matches
 * {@code /api/**} only, so that it sits next to the gateway's {@code /push/**} chain in the all-in-one.
 */
@Configuration(proxyBeanMethods = false)
class PublisherSecurityConfiguration {

    /** Before the gateway's chain in the all-in-one; the two match different paths. */
    static final int ORDER = 10;
    static final String ADMIN = "SCOPE_admin";

    private static final String HOW_TO_SEND_IT = "send Authorization: Bearer <admin token>";
    private static final String RULE = "/api/** needs an admin token";

    @Bean
    @Order(ORDER)
    SecurityFilterChain publisherSecurityFilterChain(HttpSecurity http, SecurityProperties security,
                                                     ObjectProvider<ServerProperties> server) {
        http.securityMatcher("/api/**")
                // tokens, not cookies: nothing to forge across sites, and no session to keep
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable());
        if (!security.tokenMode()) {
            OpenModeWarning.warnIfReachable(server.getIfAvailable(ServerProperties::new).getAddress(),
                    "the publisher's API endpoints");
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        TokenRefusals refusals = new TokenRefusals(HOW_TO_SEND_IT, RULE);
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAuthority(ADMIN))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(AccessTokenDecoder.of(security)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals));
        return http.build();
    }

    @Bean
    WebSecurityCustomizer publisherFirewall() {
        return web -> web.httpFirewall(RejectedRequests.firewall()).requestRejectedHandler(new RejectedRequests());
    }
}
