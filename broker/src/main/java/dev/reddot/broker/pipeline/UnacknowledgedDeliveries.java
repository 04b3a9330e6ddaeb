package dev.reddot.broker.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.moquette.BrokerConstants;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * What the broker sent to each MQTT 3.1.1 client id with a persistent session and the client has not acknowledged yet:
 * QoS 1 and 2 PUBLISH until their PUBACK or PUBREC, PUBREL until its PUBCOMP, in the order sent, each with the moment
 * it was sent. It outlives the connections, so that a reconnect finds what the last one left open ({@link
 * InflightResend}). One per broker, shared by its connections, which may be on different threads.
 */
final class UnacknowledgedDeliveries {

    /** Moquette resends an MQTT 3.1.1 in-flight packet itself once it has waited this long, reconnect or not. */
    private static final long MOQUETTE_RESENDS_AFTER_NANOS =
            TimeUnit.MILLISECONDS.toNanos(BrokerConstants.FLIGHT_BEFORE_RESEND_MS);

    private record Sent(MqttMessage packet, long nanoTime) {
    }

    private final Map<String, Map<Integer, Sent>> byClientId = new ConcurrentHashMap<>();

    /** {@code packet} (a PUBLISH at QoS 1 or 2, or a PUBREL) was written to {@code clientId}; a copy is kept. */
    void sent(String clientId, int packetId, MqttMessage packet, long nanoTime) {
        Map<Integer, Sent> sent = byClientId.computeIfAbsent(clientId, id -> new LinkedHashMap<>());
        MqttMessage kept = packet instanceof MqttPublishMessage publish ? publish.retainedDuplicate() : packet;
        Sent replaced;
        synchronized (sent) {
            if (byClientId.get(clientId) != sent) {
                // forgotten meanwhile: the session ended while its last connection was still being written to
                ReferenceCountUtil.release(kept);
                return;
            }
            replaced = sent.remove(packetId);
            sent.put(packetId, new Sent(kept, nanoTime));
        }
        if (replaced != null) {
            ReferenceCountUtil.release(replaced.packet());
        }
    }

    /** The client acknowledged {@code packetId} (PUBACK, PUBREC or PUBCOMP): nothing of it is left to resend. */
    void acknowledged(String clientId, int packetId) {
        Map<Integer, Sent> sent = byClientId.get(clientId);
        if (sent == null) {
            return;
        }
        Sent removed;
        synchronized (sent) {
            removed = sent.remove(packetId);
        }
        if (removed != null) {
            ReferenceCountUtil.release(removed.packet());
        }
    }

    /**
     * Copies, to be resent now, of what {@code clientId} has not acknowledged and Moquette does not resend on its own
     * at a reconnect (what has waited less than its 5 s): PUBLISH with DUP set [MQTT-3.3.1-1]. The caller releases
     * them.
     */
    List<MqttMessage> toResend(String clientId, long nanoTime) {
        Map<Integer, Sent> sent = byClientId.get(clientId);
        List<MqttMessage> copies = new ArrayList<>();
        if (sent == null) {
            return copies;
        }
        synchronized (sent) {
            for (Sent one : sent.values()) {
                if (nanoTime - one.nanoTime() < MOQUETTE_RESENDS_AFTER_NANOS) {
                    copies.add(one.packet() instanceof MqttPublishMessage publish ? duplicate(publish) : one.packet());
                }
            }
        }
        return copies;
    }

    /** {@code clientId}'s session is gone (or new): nothing it was sent is resent. */
    void forget(String clientId) {
        Map<Integer, Sent> sent = byClientId.remove(clientId);
        if (sent == null) {
            return;
        }
        synchronized (sent) {
            sent.values().forEach(one -> ReferenceCountUtil.release(one.packet()));
            sent.clear();
        }
    }

    private static MqttPublishMessage duplicate(MqttPublishMessage publish) {
        MqttFixedHeader header = publish.fixedHeader();
        return new MqttPublishMessage(new MqttFixedHeader(header.messageType(), true, header.qosLevel(), false,
                header.remainingLength()), publish.variableHeader(), publish.payload().retainedDuplicate());
    }
}
