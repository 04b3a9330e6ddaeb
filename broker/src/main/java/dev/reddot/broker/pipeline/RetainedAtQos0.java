package dev.reddot.broker.pipeline;

import java.util.HashSet;
import java.util.Set;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Keeps a retained message published at QoS 0 for later subscribers, as MQTT 5 requires [MQTT-3.3.1-5] (and MQTT
 * 3.1.1 recommends). Moquette 0.18.3 stores retained messages only for QoS 1 and 2; at QoS 0 it clears the topic's
 * retained message and keeps nothing, so a count published at QoS 0 was gone for every later subscriber.
 * <p>
 * Moquette is handed such a message as QoS 1 with a packet id of this handler's and a marker user property; the
 * PUBACK Moquette answers is kept from the client. Wherever Moquette then sends the message (to current
 * subscribers, to queues, to later subscribers from the retained store), it leaves here as QoS 0 again without the
 * marker, and this handler acknowledges it towards Moquette on the subscriber's behalf. Subscribers therefore see
 * exactly what was published; the stored copy carries the marker.
 */
final class RetainedAtQos0 extends ChannelDuplexHandler {

    /** Marks, in the store and on the way through Moquette, a message that was published at QoS 0. */
    static final String MARKER = "reddot.published-qos";

    private static final int MAX_PACKET_ID = 65_535;

    /** Packet ids of this client's own QoS 1 and 2 publishes, unacknowledged yet. */
    private final Set<Integer> clientPacketIds = new HashSet<>();
    /** Packet ids this handler gave QoS 0 publishes, whose PUBACK from Moquette is still to come. */
    private final Set<Integer> ownPacketIds = new HashSet<>();
    private int lastOwnPacketId;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()) {
            if (publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
                clientPacketIds.add(publish.variableHeader().packetId());
            } else if (isRetainedAtQos0(publish)) {
                ctx.fireChannelRead(asQos1(publish));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isRetainedAtQos0(MqttPublishMessage publish) {
        // an empty payload clears the retained message, which Moquette does; $ topics are refused by Moquette
        return publish.fixedHeader().isRetain() && publish.payload().isReadable()
                && !publish.variableHeader().topicName().startsWith("$");
    }

    private MqttPublishMessage asQos1(MqttPublishMessage publish) {
        int packetId = nextOwnPacketId();
        ownPacketIds.add(packetId);
        MqttProperties properties = copyOf(publish.variableHeader().properties());
        properties.add(new MqttProperties.UserProperty(MARKER, "0"));
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, true, 0),
                new MqttPublishVariableHeader(publish.variableHeader().topicName(), packetId, properties),
                publish.payload());
    }

    private int nextOwnPacketId() {
        do {
            lastOwnPacketId = lastOwnPacketId % MAX_PACKET_ID + 1;
        } while (clientPacketIds.contains(lastOwnPacketId) || ownPacketIds.contains(lastOwnPacketId));
        return lastOwnPacketId;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPublishMessage publish && isMarked(publish)) {
            ctx.write(asQos0(publish), promise);
            if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                ctx.fireChannelRead(Packets.acknowledgement(MqttMessageType.PUBACK, publish.variableHeader().packetId()));
            }
            return;
        }
        if (msg instanceof MqttMessage packet && answersClientPublish(packet)) {
            int packetId = Packets.packetId(packet);
            if (packet.fixedHeader().messageType() == MqttMessageType.PUBACK && ownPacketIds.remove(packetId)) {
                promise.setSuccess();
                return;
            }
            clientPacketIds.remove(packetId);
        }
        ctx.write(msg, promise);
    }

    /** A PUBACK, a PUBCOMP, or a PUBREC that refuses: the end of a client's publish. */
    private static boolean answersClientPublish(MqttMessage packet) {
        return switch (packet.fixedHeader().messageType()) {
            case PUBACK, PUBCOMP -> true;
            case PUBREC -> packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                    && (reply.reasonCode() & 0x80) != 0;
            default -> false;
        };
    }

    private static boolean isMarked(MqttPublishMessage publish) {
        return publish.variableHeader().properties().getProperties(MqttPropertyType.USER_PROPERTY.value()).stream()
                .anyMatch(property -> property instanceof MqttProperties.UserProperty pair && MARKER.equals(pair.value().key)
                        || property instanceof MqttProperties.UserProperties pairs
                                && pairs.value().stream().anyMatch(p -> MARKER.equals(p.key)));
    }

    private static MqttPublishMessage asQos0(MqttPublishMessage publish) {
        MqttProperties properties = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : publish.variableHeader().properties().listAll()) {
            if (property instanceof MqttProperties.UserProperties pairs) {
                pairs.value().stream().filter(pair -> !MARKER.equals(pair.key))
                        .forEach(pair -> properties.add(new MqttProperties.UserProperty(pair.key, pair.value)));
            } else if (!(property instanceof MqttProperties.UserProperty pair && MARKER.equals(pair.value().key))) {
                properties.add(property);
            }
        }
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE,
                        publish.fixedHeader().isRetain(), 0),
                new MqttPublishVariableHeader(publish.variableHeader().topicName(), 0, properties),
                publish.payload());
    }

    private static MqttProperties copyOf(MqttProperties properties) {
        MqttProperties copy = new MqttProperties();
        properties.listAll().forEach(copy::add);
        return copy;
    }
}
