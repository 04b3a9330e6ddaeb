package dev.reddot.publisher.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;

/** UP while the publisher's MQTT client is connected to the broker. */
@Component("mqttPublisher")
class MqttClientHealthIndicator implements HealthIndicator {

    private final Mqttv5ClientManager client;

    MqttClientHealthIndicator(Mqttv5ClientManager publisherMqttClient) {
        this.client = publisherMqttClient;
    }

    @Override
    public Health health() {
        Health.Builder health = client.isConnected() ? Health.up() : Health.down();
        return health.withDetail("broker", broker()).withDetail("clientId", client.getClientId()).build();
    }

    /** The node it is connected to when {@code reddot.mqtt.url} lists several, else the first one listed. */
    private String broker() {
        IMqttAsyncClient mqtt = client.getClient();
        return mqtt != null && mqtt.isConnected() ? mqtt.getCurrentServerURI() : client.getUrl();
    }
}
