package dev.reddot.broker.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.EmbeddedBroker;

/** UP once the broker's listeners are bound. */
@Component("mqttBroker")
class BrokerHealthIndicator implements HealthIndicator {

    private final EmbeddedBroker broker;

    BrokerHealthIndicator(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public Health health() {
        if (!broker.isRunning()) {
            return Health.down().withDetail("reason", "broker not started").build();
        }
        BrokerProperties properties = broker.properties();
        return Health.up()
                .withDetail("tcp", properties.host() + ":" + broker.tcpPort())
                .withDetail("websocket", properties.host() + ":" + properties.websocketPort() + properties.websocketPath())
                .build();
    }
}
