package dev.reddot.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker's listeners ({@code reddot.broker.*}).
 *
 * @param host           bind address of both MQTT listeners; loopback by default, like Mosquitto 2
 * @param port           MQTT over TCP
 * @param websocketPort  MQTT over WebSocket
 * @param websocketPath  the WebSocket path browsers connect to
 */
@ConfigurationProperties("reddot.broker")
public record BrokerProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("1883") int port,
        @DefaultValue("8083") int websocketPort,
        @DefaultValue("/mqtt") String websocketPath) {

    public BrokerProperties {
        if (!websocketPath.startsWith("/")) {
            throw new IllegalArgumentException("reddot.broker.websocket-path must start with '/': " + websocketPath);
        }
    }
}
