package dev.reddot.gateway.security;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of {@code /push/**}. Open mode: everyone, as before. Token mode: {@code /push/config} is public,
 * {@code /push/stats} needs an admin token, {@code /push/{transport}/{userId}} that user's token or an admin token,
 * sent as {@code Authorization: Bearer} or, since EventSource, WebSocket and iframe cannot set headers, as
 * {@code ?access_token=} on a GET. Everything else the gateway serves (the demo page, {@code /actuator/health}) is
 * outside this chain and public. The chain matches {@code /push/**} only, so that it sits next to the publisher's
 * {@code /api/**} chain in the all-in-one.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    /** After the publisher's chain; the two match different paths. */
    static final int ORDER = 20;

    private static final String HOW_TO_SEND_IT = "send Authorization: Bearer <token>, or ?access_token=<token> "
            + "where a header cannot be set (EventSource, WebSocket, iframe)";
    private static final String RULE = "/push/{transport}/{userId} needs a user token whose sub is that userId, "
            + "or an admin token; /push/stats needs an admin token";

    @Bean
    @Order(ORDER)
    SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http, SecurityProperties security,
                                                   ObjectProvider<ServerProperties> server) {
        http.securityMatcher("/push/**")
                // tokens, not cookies: nothing to forge across sites, and no session to keep
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                // the iframe transport is a frame of the page that opens it
                .headers(headers -> headers.frameOptions(frames -> frames.sameOrigin()));
        if (!security.tokenMode()) {
            OpenModeWarning.warnIfReachable(server.getIfAvailable(ServerProperties::new).getAddress(),
                    "the gateway's push endpoints");
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        TokenRefusals refusals = new TokenRefusals(HOW_TO_SEND_IT, RULE);
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        http.authorizeHttpRequests(requests -> requests
                        // the continuation of a request already authorized (SSE, long poll), or its error page
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/push/config").permitAll()
                        .requestMatchers("/push/stats").hasAuthority(PushAccess.ADMIN)
                        .requestMatchers("/push/{transport}/{" + PushAccess.USER_ID + "}").access(new PushAccess())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(headerOrQuery)
                        .jwt(jwt -> jwt.decoder(AccessTokenDecoder.of(security)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals));
        return http.build();
    }

    @Bean
    WebSecurityCustomizer gatewayFirewall() {
        return web -> web.httpFirewall(RejectedRequests.firewall()).requestRejectedHandler(new RejectedRequests());
    }
}
