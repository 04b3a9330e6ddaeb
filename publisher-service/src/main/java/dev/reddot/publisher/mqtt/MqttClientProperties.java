package dev.reddot.publisher.mqtt;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.mqtt.*}: the broker the publisher connects to.
 *
 * @param url            broker URL, {@code tcp://host:port}, or a comma-separated list of the nodes of a
 *                       cluster: the client connects to the first that answers, in order, at start and after
 *                       every lost connection
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

    /** The broker URLs of {@link #url()}, in the order they are tried. */
    public String[] serverUris() {
        return Arrays.stream(url.split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toArray(String[]::new);
    }
}
