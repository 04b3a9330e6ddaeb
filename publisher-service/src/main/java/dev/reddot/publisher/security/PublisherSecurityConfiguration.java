package dev.reddot.publisher.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.reddot.security.http.AccessRules;
import dev.reddot.security.http.OwnUserAccess;
import dev.reddot.security.http.ServiceSecurity;

/**
 * The security of {@code /api/**}. Open mode: everyone, except that a page of a foreign origin may not change
 * anything ({@code reddot.security.allowed-origins}). Token mode: an admin token in
 * {@code Authorization: Bearer} (the API is for services and operators, which can always set a header), except that a
 * {@code user} token may list its own notifications and mark them read ({@link OwnUserAccess}). The chain
 * matches {@code /api/**} only, so that it sits next to the gateway's {@code /push/**} chain in the all-in-one;
 * {@code /actuator/**} has the security module's own chain.
 */
@Configuration(proxyBeanMethods = false)
class PublisherSecurityConfiguration {

    /** Before the gateway's chain in the all-in-one; the two match different paths. */
    static final int ORDER = 10;
    static final String ADMIN = "SCOPE_admin";
    private static final String INBOX = "/api/users/{" + OwnUserAccess.USER_ID + "}/notifications";

    private static final AccessRules API = new AccessRules("/api/**", "the publisher's API endpoints",
            "send Authorization: Bearer <admin token>",
            "/api/** needs an admin token, except a user's own GET /api/users/{userId}/notifications, "
                    + "POST .../notifications/{id}/read and POST .../notifications/read-all", false,
            requests -> requests
                    .requestMatchers(HttpMethod.GET, INBOX).access(new OwnUserAccess())
                    .requestMatchers(HttpMethod.POST, INBOX + "/{id}/read", INBOX + "/read-all")
                    .access(new OwnUserAccess())
                    .anyRequest().hasAuthority(ADMIN),
            // open mode: no page of another site may change a count (a form POST needs no CORS permission)
            AccessRules.STATE_CHANGING);

    @Bean
    @Order(ORDER)
    SecurityFilterChain publisherSecurityFilterChain(HttpSecurity http, ServiceSecurity security) {
        return security.chain(http, API);
    }
}
