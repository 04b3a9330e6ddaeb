package dev.reddot.publisher.mqtt;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.mqtt.*}: the broker the publisher connects to.
 *
 * @param url            broker URL, {@code tcp://host:port}
 * @param publisherClientId MQTT client id; unique per instance unless set
 * @param completionTimeout how long the broker may take to acknowledge (a connection, a batch of counts)
 */
@ConfigurationProperties("reddot.mqtt")
public record MqttClientProperties(
        @DefaultValue("tcp://127.0.0.1:1883") String url,
        String publisherClientId,
        @DefaultValue("10s") Duration completionTimeout) {

    public MqttClientProperties {
        if (publisherClientId == null || publisherClientId.isBlank()) {
            publisherClientId = "reddot-publisher-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
