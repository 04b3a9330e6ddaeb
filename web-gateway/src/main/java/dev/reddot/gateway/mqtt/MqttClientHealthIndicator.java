package dev.reddot.gateway.mqtt;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;

/** UP while the gateway's MQTT client is connected to the broker. */
@Component("mqttGateway")
class MqttClientHealthIndicator implements HealthIndicator {

    private final Mqttv5ClientManager client;

    MqttClientHealthIndicator(Mqttv5ClientManager gatewayMqttClient) {
        this.client = gatewayMqttClient;
    }

    @Override
    public Health health() {
        Health.Builder health = client.isConnected() ? Health.up() : Health.down();
        return health.withDetail("broker", client.getUrl()).withDetail("clientId", client.getClientId()).build();
    }
}
