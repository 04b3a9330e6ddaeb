package dev.reddot.gateway.mqtt;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.mqtt.*}: the broker the gateway subscribes to.
 *
 * @param url               broker URL, {@code tcp://host:port}, or a comma-separated list of the nodes of a
 *                          cluster: the client connects to the first that answers, in order, at start and after
 *                          every lost connection
 * @param gatewayClientId   MQTT client id; unique per instance unless set
 * @param completionTimeout how long connecting and subscribing may take
 * @param resyncOnConnect   ask the publishers to publish counts again whenever the gateway (re)subscribes (in
 *                          {@code per-user} mode those of the users just subscribed, in {@code wildcard} mode every
 *                          count), for a cluster that keeps retained messages on one node only (Artemis)
 * @param subscriptions     {@code per-user}: subscribe to {@code /message/{userId}} of each user the gateway serves;
 *                          {@code wildcard}: subscribe to {@code /message/+} and hold every user's count
 * @param subscribeWindow   how long follows and unfollows are gathered into one SUBSCRIBE and one UNSUBSCRIBE
 * @param subscribeBatch    topics at most in one SUBSCRIBE or UNSUBSCRIBE packet
 */
@ConfigurationProperties("reddot.mqtt")
public record MqttClientProperties(
        @DefaultValue("tcp://127.0.0.1:1883") String url,
        String gatewayClientId,
        @DefaultValue("10s") Duration completionTimeout,
        @DefaultValue("false") boolean resyncOnConnect,
        @DefaultValue("per-user") SubscriptionMode subscriptions,
        @DefaultValue("5ms") Duration subscribeWindow,
        @DefaultValue("100") int subscribeBatch) {

    /** How the gateway subscribes to the counts. */
    public enum SubscriptionMode {
        /** One subscription per user served. */
        PER_USER,
        /** One subscription to every user's count. */
        WILDCARD
    }

    public MqttClientProperties {
        if (subscribeBatch < 1) {
            throw new IllegalArgumentException("reddot.mqtt.subscribe-batch must be at least 1: " + subscribeBatch);
        }
        if (gatewayClientId == null || gatewayClientId.isBlank()) {
            gatewayClientId = "reddot-gateway-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /** The broker URLs of {@link #url()}, in the order they are tried. */
    public String[] serverUris() {
        return Arrays.stream(url.split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toArray(String[]::new);
    }
}
