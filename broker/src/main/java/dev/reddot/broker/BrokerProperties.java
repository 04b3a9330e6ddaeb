package dev.reddot.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker's listeners ({@code reddot.broker.*}).
 *
 * @param host           bind address of every MQTT listener; loopback by default, like Mosquitto 2
 * @param port           MQTT over TCP
 * @param websocketPort  MQTT over WebSocket
 * @param websocketPath  the WebSocket path browsers connect to
 * @param tls            MQTT over TLS and WSS, on when a keystore is configured
 */
@ConfigurationProperties("reddot.broker")
public record BrokerProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("1883") int port,
        @DefaultValue("8083") int websocketPort,
        @DefaultValue("/mqtt") String websocketPath,
        @DefaultValue Tls tls) {

    @ConstructorBinding
    public BrokerProperties {
        if (!websocketPath.startsWith("/")) {
            throw new IllegalArgumentException("reddot.broker.websocket-path must start with '/': " + websocketPath);
        }
    }

    /** Plain TCP and WebSocket listeners only. */
    public BrokerProperties(String host, int port, int websocketPort, String websocketPath) {
        this(host, port, websocketPort, websocketPath, Tls.OFF);
    }

    /**
     * {@code reddot.broker.tls.*}.
     *
     * @param keystore          a PKCS12 (or JKS) file with the broker's private key and certificate chain; no TLS
     *                          listeners without it
     * @param keystorePassword  its password (the key's too)
     * @param port              MQTT over TLS
     * @param websocketPort     MQTT over secure WebSocket (WSS), same path as the plain one
     */
    public record Tls(
            String keystore,
            String keystorePassword,
            @DefaultValue("8883") int port,
            @DefaultValue("8084") int websocketPort) {

        public static final Tls OFF = new Tls(null, null, 8883, 8084);

        public boolean enabled() {
            return keystore != null && !keystore.isBlank();
        }
    }
}
