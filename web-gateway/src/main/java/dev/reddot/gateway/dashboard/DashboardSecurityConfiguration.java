package dev.reddot.gateway.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.reddot.security.http.AccessRules;
import dev.reddot.security.http.OwnUserAccess;
import dev.reddot.security.http.ServiceSecurity;

/**
 * {@code /admin/summary}: open in open mode (GET only, and no CORS: another site's page cannot read it); an admin
 * token in token mode, as {@code Authorization: Bearer}. The page {@code /admin} itself is public static HTML.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    /** Next to the gateway's {@code /push/**} chain; the two match different paths. */
    static final int ORDER = 21;

    private static final AccessRules SUMMARY = new AccessRules("/admin/summary", "the dashboard's summary",
            "send Authorization: Bearer <admin token> (open the page as /admin?token=<admin token>)",
            "/admin/summary needs an admin token",
            false,
            requests -> requests.anyRequest().hasAuthority(OwnUserAccess.ADMIN),
            AccessRules.NONE);

    @Bean
    @Order(ORDER)
    SecurityFilterChain dashboardSecurityFilterChain(HttpSecurity http, ServiceSecurity security) {
        return security.chain(http, SUMMARY);
    }
}
