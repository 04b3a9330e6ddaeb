package dev.reddot.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.metrics.DeliveryMetrics;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.CountProperties;
import dev.reddot.protocol.Topics;

/**
 * Turns a message of {@code /message/{userId}} into a count for the hub, on the MQTT client's callback thread: every
 * message of the gateway's client comes here (its subscriptions carry no per-topic listener, so Paho hands each
 * message to the client manager, which hands it on). Straight from Paho's callback: no header mapping, Spring message
 * or service activator per count. A message that is not a Reddot count is logged and dropped here: an exception
 * would make the MQTT client drop its connection.
 */
@Component
class UnreadCountReceiver {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountReceiver.class);

    private final Hub hub;
    private final DeliveryMetrics metrics;

    UnreadCountReceiver(Hub hub, DeliveryMetrics metrics, Mqttv5ClientManager gatewayMqttClient) {
        this.hub = hub;
        this.metrics = metrics;
        gatewayMqttClient.addDefaultMessageHandler(this::receive);
    }

    void receive(String topic, MqttMessage message) {
        Optional<CountEvent> event = parse(topic, message);
        event.ifPresent(count -> {
            metrics.received(count, message.isRetained());
            if (hub.publish(count)) {
                // read after the fan-out: a connection opening or closing meanwhile makes it off by one, no more
                metrics.delivered(hub.openConnections(count.userId()));
            }
        });
    }

    private static Optional<CountEvent> parse(String topic, MqttMessage message) {
        Optional<String> userId = Topics.userIdOf(topic);
        if (userId.isEmpty()) {
            log.warn("Dropped a message on {}: not a user's count topic", topic);
            return Optional.empty();
        }
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        if (payload.isEmpty()) {
            log.debug("Retained count of {} was cleared", userId.get());
            return Optional.empty();
        }
        String seq = userProperty(message, CountProperties.SEQ);
        String ts = userProperty(message, CountProperties.TS);
        try {
            return Optional.of(new CountEvent(userId.get(), Long.parseLong(payload.trim()),
                    Long.parseLong(require(seq, CountProperties.SEQ)), ts != null ? Long.parseLong(ts) : 0));
        } catch (IllegalArgumentException e) {
            log.warn("Dropped a message on {}: payload '{}', seq {}, ts {}: {}", topic, abbreviate(payload), seq, ts,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The last value of the user property (MQTT allows a name twice; the publisher sets each once). */
    private static String userProperty(MqttMessage message, String name) {
        String value = null;
        if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
            for (UserProperty property : message.getProperties().getUserProperties()) {
                if (name.equals(property.getKey())) {
                    value = property.getValue();
                }
            }
        }
        return value;
    }

    private static String require(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("no '" + name + "' user property");
        }
        return value;
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 32 ? payload : payload.substring(0, 32) + "…";
    }
}
