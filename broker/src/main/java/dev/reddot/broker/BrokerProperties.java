package dev.reddot.broker;

import java.time.Duration;

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
 * @param limits         what one client or one token may hold in the broker
 */
@ConfigurationProperties("reddot.broker")
public record BrokerProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("1883") int port,
        @DefaultValue("8083") int websocketPort,
        @DefaultValue("/mqtt") String websocketPath,
        @DefaultValue Tls tls,
        @DefaultValue Limits limits) {

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

    /** With the default limits. */
    public BrokerProperties(String host, int port, int websocketPort, String websocketPath, Tls tls) {
        this(host, port, websocketPort, websocketPath, tls, Limits.DEFAULTS);
    }

    /** The same listeners with other limits. */
    public BrokerProperties withLimits(Limits other) {
        return new BrokerProperties(host, port, websocketPort, websocketPath, tls, other);
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

    /**
     * {@code reddot.broker.limits.*}: what one client, or one token's subject, may hold in the broker, so that no
     * token can exhaust it (broker/README.md, Limits). {@code admin} tokens (the publisher and gateway services) have
     * their own Receive Maximum and are not counted against the per-subject caps.
     *
     * @param receiveMaximum         QoS 1 and 2 PUBLISH a client may have unacknowledged (QoS 1 until its PUBACK, QoS 2
     *                               until its PUBCOMP); one more ends the connection (MQTT 5: DISCONNECT 0x93).
     *                               Announced in CONNACK; at most 32,767, which Paho reads as a signed 16-bit number
     * @param serviceReceiveMaximum  the same for connections with an {@code admin} token, whose publisher pipelines
     *                               up to 1,000 counts, and for every connection in open mode
     * @param subscriptionsPerClient topic filters one client id may hold subscribed (its session's, across
     *                               connections); SUBACK 0x97 Quota exceeded for each beyond it (3.1.1: 0x80).
     *                               {@code admin} tokens have no such cap: a gateway may serve many users
     * @param maxSessionExpiry       the longest a session outlives its connection: an MQTT 5 Session Expiry Interval
     *                               beyond it is lowered (and CONNACK says so), an MQTT 3.1.1 persistent session
     *                               expires after it. Whole seconds, at most 24 days (Moquette reads it in int
     *                               milliseconds)
     * @param persistentSessionsPerSubject persistent sessions one token's subject may hold, connected or not; the
     *                               CONNECT that would create one more gets CONNACK 0x97 (3.1.1: 0x03). {@code admin}
     *                               tokens and open mode have no such cap
     * @param queuedMessagesPerSession messages kept for a session that cannot take them now (offline, or its in-flight
     *                               window full); beyond it the oldest is dropped
     * @param retainedTopicsPerDevice topics under a device's {@code devices/{sub}/} that may hold a retained message;
     *                               a device's retained PUBLISH to one more is refused (MQTT 5: PUBACK/PUBREC 0x97),
     *                               while updating or clearing a kept one always works. {@code admin} tokens and
     *                               open mode have no such cap
     * @param publishRatePerSubject  PUBLISH a second one device or user may send, over all of its connections together,
     *                               once its burst is spent; beyond it the broker stops reading the connection that
     *                               sent one more until the budget refills (TCP back-pressure: nothing is dropped).
     *                               {@code admin} tokens and open mode have no budget
     * @param publishBurstPerSubject PUBLISH such a subject may send at once, before its rate applies
     */
    public record Limits(
            @DefaultValue("20") int receiveMaximum,
            @DefaultValue("1000") int serviceReceiveMaximum,
            @DefaultValue("100") int subscriptionsPerClient,
            @DefaultValue("1d") Duration maxSessionExpiry,
            @DefaultValue("10") int persistentSessionsPerSubject,
            @DefaultValue("1000") int queuedMessagesPerSession,
            @DefaultValue("100") int retainedTopicsPerDevice,
            @DefaultValue("100") int publishRatePerSubject,
            @DefaultValue("200") int publishBurstPerSubject) {

        private static final int LARGEST_RECEIVE_MAXIMUM = 32_767;
        /** Moquette 0.18.3 computes {@code (int) expiration.toMillis() / 1000}: beyond 24.8 days it overflows. */
        private static final Duration LONGEST_SESSION_EXPIRY = Duration.ofDays(24);

        public static final Limits DEFAULTS = new Limits(20, 1000, 100, Duration.ofDays(1), 10, 1000, 100, 100,
                200);

        public Limits {
            requireReceiveMaximum("receive-maximum", receiveMaximum);
            requireReceiveMaximum("service-receive-maximum", serviceReceiveMaximum);
            requirePositive("subscriptions-per-client", subscriptionsPerClient);
            if (maxSessionExpiry.toSeconds() < 1 || maxSessionExpiry.compareTo(LONGEST_SESSION_EXPIRY) > 0) {
                throw new IllegalArgumentException("reddot.broker.limits.max-session-expiry must be between 1s and "
                        + LONGEST_SESSION_EXPIRY.toDays() + "d: " + maxSessionExpiry);
            }
            requirePositive("persistent-sessions-per-subject", persistentSessionsPerSubject);
            requirePositive("queued-messages-per-session", queuedMessagesPerSession);
            requirePositive("retained-topics-per-device", retainedTopicsPerDevice);
            requirePositive("publish-rate-per-subject", publishRatePerSubject);
            requirePositive("publish-burst-per-subject", publishBurstPerSubject);
        }

        /** The same limits with another publish budget per device or user. */
        public Limits withPublishBudget(int ratePerSubject, int burstPerSubject) {
            return new Limits(receiveMaximum, serviceReceiveMaximum, subscriptionsPerClient, maxSessionExpiry,
                    persistentSessionsPerSubject, queuedMessagesPerSession, retainedTopicsPerDevice, ratePerSubject,
                    burstPerSubject);
        }

        /** {@link #maxSessionExpiry} in whole seconds, as MQTT counts it. */
        public long maxSessionExpirySeconds() {
            return maxSessionExpiry.toSeconds();
        }

        private static void requirePositive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException("reddot.broker.limits." + name + " must be at least 1: " + value);
            }
        }

        private static void requireReceiveMaximum(String name, int value) {
            if (value < 1 || value > LARGEST_RECEIVE_MAXIMUM) {
                throw new IllegalArgumentException("reddot.broker.limits." + name + " must be between 1 and "
                        + LARGEST_RECEIVE_MAXIMUM + ": " + value);
            }
        }
    }
}
