package dev.reddot.security.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
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

    /**
     * No observations of Spring Security's filters: they would time every filter of every request, at a cost the count
     * path cannot afford (http.server.requests still times each request). Turning them off by property
     * ({@code management.observations.enable.spring.security}) still wrapped every filter and made a context for it:
     * a fifth of what a {@code PUT …/unread-count} allocated.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** One firewall for the whole context: Spring Security takes the firewall of a single customizer. */
    @Bean
    WebSecurityCustomizer reddotFirewall() {
        return web -> web.httpFirewall(RejectedRequests.firewall()).requestRejectedHandler(new RejectedRequests());
    }
}
