package dev.reddot.broker.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.moquette.BrokerConstants;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * What the broker sent to each client id with a persistent session (MQTT 3.1.1 and 5) and the client has not acknowledged yet:
 * QoS 1 and 2 PUBLISH until their PUBACK or PUBREC, PUBREL until its PUBCOMP, in the order sent, each with the moment
 * it was sent. It outlives the connections, so that a reconnect finds what the last one left open ({@link
 * InflightResend}), and, {@link #keep kept} in a file at a broker stop and {@link #restore restored} at the next
 * start, a restart: Moquette keeps its in-flight window in memory only. A restored copy is one Moquette knows nothing
 * of, so its acknowledgements are Reddot's to answer. One per broker, shared by its connections, which may be on
 * different threads.
 */
final class UnacknowledgedDeliveries {

    /** Moquette resends an MQTT 3.1.1 in-flight packet itself once it has waited this long, reconnect or not. */
    private static final long MOQUETTE_RESENDS_AFTER_NANOS =
            TimeUnit.MILLISECONDS.toNanos(BrokerConstants.FLIGHT_BEFORE_RESEND_MS);

    /**
     * The unacknowledged packets of one client id, as a file keeps them across a restart.
     *
     * @param newestPacketId the packet id of the newest PUBLISH sent first (not resent) to the client id, which
     *                       numbering must continue after so that no new PUBLISH takes the id of an unacknowledged one
     */
    record Kept(String clientId, int newestPacketId, List<MqttMessage> packets) {
    }

    /** The acknowledged packet was a restored copy: Moquette does not know it, Reddot answers it. */
    enum Acknowledged { BY_MOQUETTE, RESTORED, UNKNOWN }

    /** {@code restored}: sent before the broker restarted, unknown to Moquette. */
    private record Sent(MqttMessage packet, long nanoTime, boolean restored) {
    }

    /** One client id's packets, guarded by itself. */
    private static final class OfClient {
        private final Map<Integer, Sent> sent = new LinkedHashMap<>();
        private int newestPacketId;
    }

    private final Map<String, OfClient> byClientId = new ConcurrentHashMap<>();

    /** {@code packet} (a PUBLISH at QoS 1 or 2, or a PUBREL) was written to {@code clientId}; a copy is kept. */
    void sent(String clientId, int packetId, MqttMessage packet, long nanoTime) {
        OfClient client = byClientId.computeIfAbsent(clientId, id -> new OfClient());
        MqttMessage kept = packet instanceof MqttPublishMessage publish ? publish.retainedDuplicate() : packet;
        Sent replaced;
        synchronized (client) {
            if (byClientId.get(clientId) != client) {
                // forgotten meanwhile: the session ended while its last connection was still being written to
                ReferenceCountUtil.release(kept);
                return;
            }
            // a restored copy whose id a new PUBLISH takes (numbering wrapped round) is superseded by it
            replaced = client.sent.remove(packetId);
            client.sent.put(packetId, new Sent(kept, nanoTime, false));
            if (packet instanceof MqttPublishMessage && !packet.fixedHeader().isDup()) {
                client.newestPacketId = packetId;
            }
        }
        if (replaced != null) {
            ReferenceCountUtil.release(replaced.packet());
        }
    }

    /**
     * The client acknowledged {@code packetId} (PUBACK, PUBREC or PUBCOMP): nothing of it is left to resend. Answers
     * whether the copy was a restored one, whose acknowledgement Moquette must not see (it would find no such packet).
     */
    Acknowledged acknowledged(String clientId, int packetId) {
        OfClient client = byClientId.get(clientId);
        if (client == null) {
            return Acknowledged.UNKNOWN;
        }
        Sent removed;
        synchronized (client) {
            removed = client.sent.remove(packetId);
        }
        if (removed == null) {
            return Acknowledged.UNKNOWN;
        }
        ReferenceCountUtil.release(removed.packet());
        return removed.restored() ? Acknowledged.RESTORED : Acknowledged.BY_MOQUETTE;
    }

    /** Reddot answered the PUBREC of a restored QoS 2 PUBLISH with {@code pubrel}: kept until its PUBCOMP. */
    void restoredPubrelSent(String clientId, int packetId, MqttMessage pubrel, long nanoTime) {
        OfClient client = byClientId.computeIfAbsent(clientId, id -> new OfClient());
        synchronized (client) {
            if (byClientId.get(clientId) == client) {
                client.sent.put(packetId, new Sent(pubrel, nanoTime, true));
            }
        }
    }

    /**
     * Copies, to be resent now, of what {@code clientId} has not acknowledged and Moquette resends neither on its own
     * at a reconnect (what has waited less than its 5 s) nor at all (what was restored): PUBLISH with DUP set
     * [MQTT-3.3.1-1]. The caller releases them.
     *
     * @param restored the restored copies, which go straight to the client; otherwise those Moquette knows of
     */
    List<MqttMessage> toResend(String clientId, long nanoTime, boolean restored) {
        OfClient client = byClientId.get(clientId);
        List<MqttMessage> copies = new ArrayList<>();
        if (client == null) {
            return copies;
        }
        synchronized (client) {
            for (Sent one : client.sent.values()) {
                boolean due = restored ? one.restored()
                        : !one.restored() && nanoTime - one.nanoTime() < MOQUETTE_RESENDS_AFTER_NANOS;
                if (due) {
                    copies.add(one.packet() instanceof MqttPublishMessage publish ? duplicate(publish) : one.packet());
                }
            }
        }
        return copies;
    }

    /** The packet id a new connection of {@code clientId} must number its PUBLISH after, if it left any unacknowledged. */
    OptionalInt newestPacketId(String clientId) {
        OfClient client = byClientId.get(clientId);
        if (client == null) {
            return OptionalInt.empty();
        }
        synchronized (client) {
            return client.sent.isEmpty() || client.newestPacketId == 0 ? OptionalInt.empty()
                    : OptionalInt.of(client.newestPacketId);
        }
    }

    /** {@code clientId}'s session is gone (or new): nothing it was sent is resent. */
    void forget(String clientId) {
        OfClient client = byClientId.remove(clientId);
        if (client == null) {
            return;
        }
        synchronized (client) {
            client.sent.values().forEach(one -> ReferenceCountUtil.release(one.packet()));
            client.sent.clear();
        }
    }

    /** The client ids with something unacknowledged. */
    Set<String> clientIds() {
        return Set.copyOf(byClientId.keySet());
    }

    /** Everything unacknowledged, for a file that outlives the broker (at its stop, once no connection is left). */
    List<Kept> keep() {
        List<Kept> kept = new ArrayList<>();
        byClientId.forEach((clientId, client) -> {
            synchronized (client) {
                if (!client.sent.isEmpty()) {
                    kept.add(new Kept(clientId, client.newestPacketId,
                            client.sent.values().stream().map(Sent::packet).toList()));
                }
            }
        });
        return kept;
    }

    /**
     * What a broker stop {@link #keep kept}, taken over as restored copies (before any connection). Takes over the
     * caller's references to the packets.
     */
    void restore(List<Kept> kept) {
        for (Kept one : kept) {
            OfClient client = byClientId.computeIfAbsent(one.clientId(), id -> new OfClient());
            synchronized (client) {
                client.newestPacketId = one.newestPacketId();
                for (MqttMessage packet : one.packets()) {
                    Sent replaced = client.sent.put(packetIdOf(packet), new Sent(packet, 0, true));
                    if (replaced != null) {
                        ReferenceCountUtil.release(replaced.packet());
                    }
                }
            }
        }
    }

    static int packetIdOf(MqttMessage packet) {
        return packet instanceof MqttPublishMessage publish ? publish.variableHeader().packetId()
                : Packets.packetId(packet);
    }

    static boolean isPubrel(MqttMessage packet) {
        return packet.fixedHeader().messageType() == MqttMessageType.PUBREL;
    }

    private static MqttPublishMessage duplicate(MqttPublishMessage publish) {
        MqttFixedHeader header = publish.fixedHeader();
        return new MqttPublishMessage(new MqttFixedHeader(header.messageType(), true, header.qosLevel(), false,
                header.remainingLength()), publish.variableHeader(), publish.payload().retainedDuplicate());
    }
}
