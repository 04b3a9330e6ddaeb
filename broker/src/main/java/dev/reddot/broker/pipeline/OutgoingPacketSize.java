package dev.reddot.broker.pipeline;

import java.util.HashSet;
import java.util.Set;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every PUBLISH larger than the client's Maximum Packet Size from it [MQTT-3.1.2-24]: the message is discarded
 * and the broker goes on as if it had been delivered [MQTT-3.1.2-25]. Moquette 0.18.3 ignores the client's limit and
 * sends anything; a constrained device then drops its connection (or worse) on a message it said it cannot take.
 * <p>
 * "As if delivered" towards Moquette: for a QoS 1 message this handler acknowledges it on the client's behalf (a
 * PUBACK passed to Moquette); for QoS 2 it passes on a PUBREC, keeps Moquette's PUBREL from the client (which never
 * saw the packet id) and answers it with a PUBCOMP.
 */
final class OutgoingPacketSize extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingPacketSize.class);

    private boolean mqtt5;
    private long clientMaximum = Long.MAX_VALUE;
    private final Set<Integer> droppedQos2 = new HashSet<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
            MqttProperties.MqttProperty<?> maximum = connect.variableHeader().properties()
                    .getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value());
            if (mqtt5 && maximum != null) {
                clientMaximum = Integer.toUnsignedLong((Integer) maximum.value());
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPublishMessage publish && encodedSize(publish, mqtt5) > clientMaximum) {
            discard(ctx, publish, promise);
        } else if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.PUBREL
                && droppedQos2.remove(Packets.packetId(packet))) {
            promise.setSuccess();
            ctx.fireChannelRead(Packets.acknowledgement(MqttMessageType.PUBCOMP, Packets.packetId(packet)));
        } else {
            ctx.write(msg, promise);
        }
    }

    private void discard(ChannelHandlerContext ctx, MqttPublishMessage publish, ChannelPromise promise) {
        String topic = publish.variableHeader().topicName();
        int packetId = publish.variableHeader().packetId();
        MqttQoS qos = publish.fixedHeader().qosLevel();
        LOG.info("{}: PUBLISH to {} ({} bytes) exceeds the client's Maximum Packet Size of {} bytes; discarded",
                ctx.channel().remoteAddress(), topic, encodedSize(publish, mqtt5), clientMaximum);
        ReferenceCountUtil.release(publish);
        promise.setSuccess();
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            ctx.fireChannelRead(Packets.acknowledgement(MqttMessageType.PUBACK, packetId));
        } else if (qos == MqttQoS.EXACTLY_ONCE) {
            droppedQos2.add(packetId);
            ctx.fireChannelRead(Packets.acknowledgement(MqttMessageType.PUBREC, packetId));
        }
    }

    /** The size of the PUBLISH once encoded, fixed header included, as MQTT 5 3.1.2.11.3 counts it. */
    static int encodedSize(MqttPublishMessage publish, boolean mqtt5) {
        int remaining = 2 + ByteBufUtil.utf8Bytes(publish.variableHeader().topicName())
                + (publish.fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE ? 0 : 2)
                + publish.payload().readableBytes();
        if (mqtt5) {
            int properties = propertiesLength(publish.variableHeader().properties());
            remaining += variableByteIntegerLength(properties) + properties;
        }
        return 1 + variableByteIntegerLength(remaining) + remaining;
    }

    private static int propertiesLength(MqttProperties properties) {
        int length = 0;
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            if (property instanceof MqttProperties.UserProperties pairs) {
                for (MqttProperties.StringPair pair : pairs.value()) {
                    length += 1 + 2 + ByteBufUtil.utf8Bytes(pair.key) + 2 + ByteBufUtil.utf8Bytes(pair.value);
                }
            } else if (property instanceof MqttProperties.UserProperty pair) {
                length += 1 + 2 + ByteBufUtil.utf8Bytes(pair.value().key) + 2 + ByteBufUtil.utf8Bytes(pair.value().value);
            } else if (property instanceof MqttProperties.StringProperty text) {
                length += 1 + 2 + ByteBufUtil.utf8Bytes(text.value());
            } else if (property instanceof MqttProperties.BinaryProperty binary) {
                length += 1 + 2 + binary.value().length;
            } else if (property instanceof MqttProperties.IntegerProperty number) {
                length += 1 + integerLength(number);
            }
        }
        return length;
    }

    private static int integerLength(MqttProperties.IntegerProperty number) {
        MqttPropertyType type = MqttPropertyType.valueOf(number.propertyId());
        return switch (type) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS,
                    RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE -> 1;
            case SERVER_KEEP_ALIVE, RECEIVE_MAXIMUM, TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS -> 2;
            case SUBSCRIPTION_IDENTIFIER -> variableByteIntegerLength(number.value());
            default -> 4;
        };
    }

    private static int variableByteIntegerLength(int value) {
        int length = 1;
        while (value >= 128) {
            value >>>= 7;
            length++;
        }
        return length;
    }
}
