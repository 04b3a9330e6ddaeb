package dev.reddot.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.metrics.DeliveryMetrics;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.CountProperties;
import dev.reddot.protocol.Topics;

/**
 * Turns a message of {@code /message/{userId}} into a count for the hub. A message that is not a Reddot count
 * is logged and dropped here: an exception would make the MQTT client drop its connection.
 */
@Component
class UnreadCountReceiver {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountReceiver.class);

    private final Hub hub;
    private final DeliveryMetrics metrics;

    UnreadCountReceiver(Hub hub, DeliveryMetrics metrics) {
        this.hub = hub;
        this.metrics = metrics;
    }

    @ServiceActivator(inputChannel = MqttInboundConfiguration.CHANNEL)
    void receive(@Payload byte[] payload,
                 @Header(MqttHeaders.RECEIVED_TOPIC) String topic,
                 @Header(name = CountProperties.SEQ, required = false) String seq,
                 @Header(name = CountProperties.TS, required = false) String ts,
                 @Header(name = MqttHeaders.RECEIVED_RETAINED, required = false) Boolean retained) {
        Optional<CountEvent> event = parse(topic, new String(payload, StandardCharsets.UTF_8), seq, ts);
        event.ifPresent(count -> {
            metrics.received(count, Boolean.TRUE.equals(retained));
            if (hub.publish(count)) {
                // read after the fan-out: a connection opening or closing meanwhile makes it off by one, no more
                metrics.delivered(hub.openConnections(count.userId()));
            }
        });
    }

    private static Optional<CountEvent> parse(String topic, String payload, String seq, String ts) {
        Optional<String> userId = Topics.userIdOf(topic);
        if (userId.isEmpty()) {
            log.warn("Dropped a message on {}: not a user's count topic", topic);
            return Optional.empty();
        }
        if (payload.isEmpty()) {
            log.debug("Retained count of {} was cleared", userId.get());
            return Optional.empty();
        }
        try {
            return Optional.of(new CountEvent(userId.get(), Long.parseLong(payload.trim()),
                    Long.parseLong(require(seq, CountProperties.SEQ)), ts != null ? Long.parseLong(ts) : 0));
        } catch (IllegalArgumentException e) {
            log.warn("Dropped a message on {}: payload '{}', seq {}, ts {}: {}", topic, abbreviate(payload), seq, ts,
                    e.getMessage());
            return Optional.empty();
        }
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
