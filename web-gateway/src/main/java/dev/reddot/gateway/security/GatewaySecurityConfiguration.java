package dev.reddot.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import dev.reddot.security.http.AccessRules;
import dev.reddot.security.http.OwnUserAccess;
import dev.reddot.security.http.ServiceSecurity;

/**
 * The security of {@code /push/**}. Open mode: everyone, except that only the pages of
 * {@code reddot.security.allowed-origins} may open the WebSocket transport. Token mode: {@code /push/config} is public,
 * {@code /push/stats} needs an admin token, {@code /push/{transport}/{userId}} that user's token or an admin token,
 * sent as {@code Authorization: Bearer} or, since EventSource, WebSocket and iframe cannot set headers, as
 * {@code ?access_token=} on a GET. The demo page is outside this chain and public; {@code /actuator/**} has the
 * security module's own chain. The chain matches {@code /push/**} only, so that it sits next to the publisher's
 * {@code /api/**} chain in the all-in-one.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    /** After the publisher's chain; the two match different paths. */
    static final int ORDER = 20;

    private static final AccessRules PUSH = new AccessRules("/push/**", "the gateway's push endpoints",
            "send Authorization: Bearer <token>, or ?access_token=<token> where a header cannot be set "
                    + "(EventSource, WebSocket, iframe)",
            "/push/{transport}/{userId} needs a user token whose sub is that userId, or an admin token; "
                    + "/push/stats needs an admin token",
            true,
            requests -> requests
                    .requestMatchers("/push/config").permitAll()
                    .requestMatchers("/push/stats").hasAuthority(OwnUserAccess.ADMIN)
                    .requestMatchers("/push/{transport}/{" + OwnUserAccess.USER_ID + "}").access(new OwnUserAccess())
                    .anyRequest().authenticated(),
            // open mode: a WebSocket is not covered by CORS, so a page of any site could read counts through it
            PathPatternRequestMatcher.withDefaults().matcher("/push/ws/**"));

    @Bean
    @Order(ORDER)
    SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http, ServiceSecurity security) {
        // the iframe transport is a frame of the page that opens it
        http.headers(headers -> headers.frameOptions(frames -> frames.sameOrigin()));
        return security.chain(http, PUSH);
    }
}
