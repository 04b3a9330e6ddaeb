package dev.reddot.security.health;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.reddot.security.SecurityProperties;

/** Where the actuator's health endpoint exists: its details are an admin's in token mode. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor")
class HealthDetailsConfiguration {

    @Bean
    AdminOnlyHealthDetails adminOnlyHealthDetails(SecurityProperties security) {
        return new AdminOnlyHealthDetails(security.tokenMode());
    }
}
