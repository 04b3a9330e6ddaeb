package dev.reddot.security.http;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The actuator's endpoints, in every service that serves them (publisher, gateway, all-in-one). Open mode: everyone,
 * as before. Token mode: {@code /actuator/health} and its probe groups ({@code liveness}, {@code readiness}) answer their
 * status to anyone (a load balancer's or Kubernetes' probe needs no token; {@code health.AdminOnlyHealthDetails}
 * keeps the details for admins); every other endpoint
 * ({@code /actuator/prometheus}, {@code /actuator/health/{component}}, {@code /actuator}) needs an admin token. An
 * admin token rather than a management port on loopback: it works the same behind any proxy, and a scraper sends
 * a header as easily as anyone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest"})
class ActuatorSecurityConfiguration {

    /** Before the services' chains, which match other paths. */
    static final int ORDER = 5;
    static final String ADMIN = "SCOPE_admin";

    @Bean
    @Order(ORDER)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, ServiceSecurity services,
                                                    WebEndpointProperties endpoints) {
        String health = endpoints.getBasePath() + "/health";
        String all = endpoints.getBasePath() + "/**";
        // every exposed endpoint, and every path below the base path: one not exposed yet is refused all the same
        http.securityMatcher(new OrRequestMatcher(EndpointRequest.toAnyEndpoint(),
                PathPatternRequestMatcher.withDefaults().matcher(all)));
        return services.secure(http, new AccessRules(all, "the actuator's endpoints",
                "send Authorization: Bearer <admin token>",
                health + " (and its probe groups) is public without details; every other actuator endpoint needs an "
                        + "admin token",
                false,
                requests -> requests
                        .requestMatchers(anyone(health), anyone(health + "/liveness"), anyone(health + "/readiness"))
                        .permitAll()
                        .anyRequest().hasAuthority(ADMIN),
                AccessRules.STATE_CHANGING));
    }

    private static RequestMatcher anyone(String path) {
        return PathPatternRequestMatcher.withDefaults().matcher(path);
    }
}
