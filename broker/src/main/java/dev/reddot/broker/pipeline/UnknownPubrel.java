package dev.reddot.broker.pipeline;

import java.util.HashSet;
import java.util.Set;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a PUBREL for a QoS 2 publish the broker never received with PUBCOMP 0x92 Packet Identifier not found
 * (MQTT 5 3.7.2.1) instead of passing it to Moquette 0.18.3, which gives the client a receive slot back for it: the
 * client's receive quota grows past Receive Maximum, and with assertions on the session command fails.
 * <p>
 * Only where the broker knows every QoS 2 publish of the session: when the session is new. A client resuming a
 * session may rightly release a publish it sent on an earlier connection.
 */
final class UnknownPubrel extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownPubrel.class);

    private final Set<Integer> received = new HashSet<>();
    private boolean mqtt5;
    private boolean sessionResumed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
        } else if (msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()
                && publish.fixedHeader().qosLevel() == MqttQoS.EXACTLY_ONCE) {
            received.add(publish.variableHeader().packetId());
        } else if (msg instanceof MqttMessage packet && packet.decoderResult().isSuccess()
                && packet.fixedHeader().messageType() == MqttMessageType.PUBREL) {
            int packetId = Packets.packetId(packet);
            if (!received.remove(packetId) && !sessionResumed) {
                ReferenceCountUtil.release(packet);
                LOG.info("{}: PUBREL for packet id {}, which was never published; answered 0x92",
                        ctx.channel().remoteAddress(), packetId);
                ctx.writeAndFlush(packetIdNotFound(packetId));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private MqttMessage packetIdNotFound(int packetId) {
        if (!mqtt5) {
            return Packets.acknowledgement(MqttMessageType.PUBCOMP, packetId);
        }
        return Packets.reply(MqttMessageType.PUBCOMP, packetId,
                MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttConnAckMessage connack) {
            sessionResumed = connack.variableHeader().isSessionPresent();
        }
        ctx.write(msg, promise);
    }
}
