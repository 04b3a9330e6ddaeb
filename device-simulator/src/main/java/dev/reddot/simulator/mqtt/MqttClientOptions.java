package dev.reddot.simulator.mqtt;

import java.time.Duration;

/**
 * How one client connects.
 *
 * @param clientId              the MQTT client identifier
 * @param protocol              MQTT 5 or 3.1.1
 * @param cleanStart            false keeps the session on the broker after the connection ends
 * @param sessionExpirySeconds  MQTT 5 only: how long the broker keeps a persistent session
 * @param keepAliveSeconds      PINGREQ after this long without sending anything; 0 turns keep alive off
 * @param username              null for none
 * @param password              null for none
 * @param connectTimeout        TCP connect plus CONNACK
 * @param maxInflight           QoS 1/2 publishes awaiting acknowledgement at once (further ones queue);
 *                              the broker's Receive Maximum lowers it
 */
public record MqttClientOptions(String clientId, MqttProtocol protocol, boolean cleanStart, long sessionExpirySeconds,
                                int keepAliveSeconds, String username, String password, Duration connectTimeout,
                                int maxInflight) {

    /** One hour: long enough to outlive a restart of the broker or of the simulator. */
    public static final long PERSISTENT_SESSION_EXPIRY_SECONDS = 3600;

    public MqttClientOptions {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("a client id is required");
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keep alive must be 0..65535 seconds: " + keepAliveSeconds);
        }
        if (maxInflight < 1 || maxInflight > 65535) {
            throw new IllegalArgumentException("max in-flight must be 1..65535: " + maxInflight);
        }
        if (password != null && username == null && protocol == MqttProtocol.V3_1_1) {
            throw new IllegalArgumentException("MQTT 3.1.1 sends a password only with a username");
        }
    }

    /** Clean start, keep alive 60 s, no credentials, 10 s to connect, 1,000 publishes in flight. */
    public static MqttClientOptions of(String clientId, MqttProtocol protocol) {
        return new MqttClientOptions(clientId, protocol, true, 0, 60, null, null, Duration.ofSeconds(10), 1000);
    }

    public MqttClientOptions persistent(boolean persistent) {
        return new MqttClientOptions(clientId, protocol, !persistent,
                persistent ? PERSISTENT_SESSION_EXPIRY_SECONDS : 0, keepAliveSeconds, username, password,
                connectTimeout, maxInflight);
    }

    public MqttClientOptions credentials(String username, String password) {
        return new MqttClientOptions(clientId, protocol, cleanStart, sessionExpirySeconds, keepAliveSeconds,
                username, password, connectTimeout, maxInflight);
    }

    public MqttClientOptions keepAlive(int seconds) {
        return new MqttClientOptions(clientId, protocol, cleanStart, sessionExpirySeconds, seconds, username,
                password, connectTimeout, maxInflight);
    }
}
