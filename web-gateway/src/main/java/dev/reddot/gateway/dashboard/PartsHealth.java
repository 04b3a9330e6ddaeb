package dev.reddot.gateway.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.stereotype.Component;

/**
 * The health of each part that runs in this process, from the actuator's health contributors, by the names the
 * modules give their indicators: {@code mqttBroker} (the broker listening), {@code mqttPublisher} and
 * {@code mqttGateway} (their MQTT clients connected), {@code db} (Spring Boot's, for the publisher's database).
 */
@Component
class PartsHealth {

    /** Part → the contributor that tells its health. */
    static final Map<String, String> CONTRIBUTORS = Map.of(
            "broker", "mqttBroker", "publisher", "mqttPublisher", "gateway", "mqttGateway", "database", "db");

    private final ObjectProvider<HealthContributorRegistry> registry;

    PartsHealth(ObjectProvider<HealthContributorRegistry> registry) {
        this.registry = registry;
    }

    /** {@code part → UP | DOWN | …} for the parts found here; the others are left out. */
    Map<String, String> statuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        HealthContributorRegistry contributors = registry.getIfAvailable();
        if (contributors == null) {
            return statuses;
        }
        CONTRIBUTORS.forEach((part, name) -> {
            HealthContributor contributor = contributors.getContributor(name);
            if (contributor instanceof HealthIndicator indicator) {
                statuses.put(part, indicator.health(false).getStatus().getCode());
            }
        });
        return statuses;
    }
}
