package dev.reddot.broker.pipeline;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses what a client must not send, before Moquette sees it:
 * <ul>
 *   <li>any packet before CONNECT, and a second CONNECT: the connection is closed [MQTT-3.1.0-1], [MQTT-3.1.0-2]
 *       (Moquette dereferenced a missing session, leaked the packet's buffer, or handled the second CONNECT as a
 *       new connection);</li>
 *   <li>packets only a server sends (CONNACK, SUBACK, UNSUBACK, PINGRESP) and AUTH, which Reddot does not offer:
 *       closed, after DISCONNECT 0x82 Protocol error for MQTT 5 (Moquette ignored them, or failed on a SUBACK);</li>
 *   <li>a QoS 1 or 2 PUBLISH to a topic starting with {@code $}, reserved for the broker: answered with PUBACK or
 *       PUBREC 0x87 Not authorized in MQTT 5; in MQTT 3.1.1, which has no reason codes, dropped with a PUBACK at
 *       QoS 1 as Mosquitto does, the connection closed at QoS 2 ({@link Packets#refusePublish}). Moquette dropped it
 *       without an answer and the client waited forever; a closed connection at QoS 1 made a client with a session
 *       resend it on every reconnect;</li>
 *   <li>a SUBSCRIBE with a malformed shared subscription ({@link SharedSubscriptionFilter}): DISCONNECT 0x8F Topic
 *       Filter invalid (MQTT 5), then closed (Moquette threw inside its session loop and never answered); No Local
 *       on a shared subscription: DISCONNECT 0x82 [MQTT-3.8.3-4].</li>
 * </ul>
 * A packet the decoder refused is answered here too (DISCONNECT 0x81 Malformed Packet or 0x95 Packet too large in
 * MQTT 5, CONNACK 0x01 for an unknown protocol level) with one INFO line, where Moquette logged an ERROR and a stack
 * trace each time. Every packet is logged at DEBUG, every refusal at INFO.
 */
final class ProtocolGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolGuard.class);

    private MqttVersion version;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof MqttMessage packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (packet.decoderResult().isFailure()) {
            refuseMalformed(ctx, packet, packet.decoderResult().cause());
            return;
        }
        MqttMessageType type = packet.fixedHeader().messageType();
        LOG.debug("{} received {}", ctx.channel().remoteAddress(), type);
        if (type == MqttMessageType.CONNECT) {
            if (version != null) {
                refuse(ctx, packet, "a second CONNECT");
                return;
            }
            // the decoder has accepted the protocol name and level; only "5 or not" matters here
            version = ((MqttConnectMessage) packet).variableHeader().version() == MqttVersion.MQTT_5.protocolLevel()
                    ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1;
        } else if (version == null) {
            refuse(ctx, packet, type + " before CONNECT");
            return;
        } else if (isSentOnlyByServers(type)) {
            refuse(ctx, packet, type + " from a client");
            return;
        } else if (packet instanceof MqttPublishMessage publish && isReservedForTheBroker(publish)) {
            refuseReservedTopic(ctx, publish);
            return;
        } else if (packet instanceof MqttSubscribeMessage subscribe) {
            for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
                if (SharedSubscriptionFilter.isShared(subscription) && subscription.option().isNoLocal()) {
                    refuse(ctx, packet, "No Local on shared subscription " + subscription.topicFilter());
                    return;
                }
                String problem = SharedSubscriptionFilter.problemWith(subscription);
                if (problem != null) {
                    refuse(ctx, packet, "SUBSCRIBE to " + subscription.topicFilter() + " (" + problem + ")",
                            MqttReasonCodes.Disconnect.TOPIC_FILTER_INVALID);
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * A packet Netty's decoder refused (bad flags, remaining length, UTF-8, protocol level, too large, ...): one INFO
     * line, the reason code MQTT 5 has for it, and the connection closed. Moquette logged an ERROR with a stack trace
     * for each, so one broken device could flood the log.
     */
    private void refuseMalformed(ChannelHandlerContext ctx, MqttMessage packet, Throwable cause) {
        ReferenceCountUtil.release(packet);
        LOG.info("{}: malformed packet refused, connection closed: {}", ctx.channel().remoteAddress(),
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            // [MQTT-3.1.2-2]: CONNACK 0x01 (3.1.1 form, the only one a client of an unknown level can read)
            ctx.writeAndFlush(MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (version == MqttVersion.MQTT_5) {
            MqttReasonCodes.Disconnect reason = cause instanceof TooLongFrameException
                    ? MqttReasonCodes.Disconnect.PACKET_TOO_LARGE : MqttReasonCodes.Disconnect.MALFORMED_PACKET;
            ctx.writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reason.byteValue()).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private static boolean isSentOnlyByServers(MqttMessageType type) {
        return type == MqttMessageType.CONNACK || type == MqttMessageType.SUBACK || type == MqttMessageType.UNSUBACK
                || type == MqttMessageType.PINGRESP || type == MqttMessageType.AUTH;
    }

    private static boolean isReservedForTheBroker(MqttPublishMessage publish) {
        return publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE
                && publish.variableHeader().topicName().startsWith("$");
    }

    private void refuseReservedTopic(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        int packetId = publish.variableHeader().packetId();
        MqttQoS qos = publish.fixedHeader().qosLevel();
        boolean mqtt5 = version == MqttVersion.MQTT_5;
        LOG.info("{}: QoS {} PUBLISH to reserved topic {} dropped{}", ctx.channel().remoteAddress(), qos.value(),
                publish.variableHeader().topicName(), mqtt5 ? ", answered 0x87"
                        : qos == MqttQoS.AT_LEAST_ONCE ? ", acknowledged" : ", connection closed");
        ReferenceCountUtil.release(publish);
        Packets.refusePublish(ctx, mqtt5, qos, packetId, MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue());
    }

    private void refuse(ChannelHandlerContext ctx, MqttMessage packet, String what) {
        refuse(ctx, packet, what, MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    private void refuse(ChannelHandlerContext ctx, MqttMessage packet, String what, MqttReasonCodes.Disconnect reason) {
        ReferenceCountUtil.release(packet);
        LOG.info("{}: {} refused, connection closed", ctx.channel().remoteAddress(), what);
        if (version == MqttVersion.MQTT_5) {
            ctx.writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reason.byteValue()).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
