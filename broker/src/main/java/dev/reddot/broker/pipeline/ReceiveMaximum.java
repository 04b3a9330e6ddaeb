package dev.reddot.broker.pipeline;

import java.util.HashMap;
import java.util.Map;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the Receive Maximum exactly, and so bounds what one connection's QoS 1 and 2 PUBLISH can hold in the
 * broker: at most that many packets of up to 256 KiB. Moquette 0.18.3 checks its quota on the IO thread but takes the
 * slot later on the session loop, so a client writing as fast as its socket takes passed the check thousands of times
 * before the first slot was taken; a QoS 2 flood that never sends PUBREL held gigabytes.
 * <p>
 * Counts each QoS 1 PUBLISH until its PUBACK is written and each QoS 2 PUBLISH until its PUBCOMP is written (or a
 * PUBREC with a failure code, which ends the exchange). One more than the maximum: DISCONNECT 0x93 Receive Maximum
 * exceeded (MQTT 5) or the connection closed (3.1.1, whose limit is the same though not announced). The maximum
 * depends on the token ({@link BrokerQuotas#receiveMaximum}) and replaces Moquette's in CONNACK.
 */
final class ReceiveMaximum extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveMaximum.class);

    /** Packet id → QoS of every PUBLISH the client sent and the broker has not yet acknowledged. */
    private final Map<Integer, MqttQoS> unacknowledged = new HashMap<>();
    private ConnectingClient client;
    private int maximum;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess() && client == null) {
            client = ConnectingClient.of(connect);
            maximum = QuotasOfConnection.of(ctx).receiveMaximum(client.token());
        } else if (client != null && msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()
                && publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
            int packetId = publish.variableHeader().packetId();
            // a resent PUBLISH whose acknowledgement is still due takes no second slot
            if (!unacknowledged.containsKey(packetId) && unacknowledged.size() >= maximum) {
                refuse(ctx, publish);
                return;
            }
            unacknowledged.put(packetId, publish.fixedHeader().qosLevel());
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        ReferenceCountUtil.release(publish);
        LOG.info("{}: {} sent more than {} unacknowledged QoS 1/2 PUBLISH (Receive Maximum); connection closed",
                ctx.channel().remoteAddress(), client.subject(), maximum);
        ctx.channel().config().setAutoRead(false);
        if (client.mqtt5()) {
            ctx.writeAndFlush(MqttMessageBuilders.disconnect()
                            .reasonCode(MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED.byteValue()).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttConnAckMessage connack && client != null && client.mqtt5()) {
            ctx.write(announcingMaximum(connack), promise);
            return;
        }
        if (msg instanceof MqttMessage packet && !unacknowledged.isEmpty()) {
            MqttMessageType type = packet.fixedHeader().messageType();
            if (type == MqttMessageType.PUBACK
                    || type == MqttMessageType.PUBCOMP
                    || type == MqttMessageType.PUBREC && endsTheExchange(packet)) {
                unacknowledged.remove(Packets.packetId(packet),
                        type == MqttMessageType.PUBACK ? MqttQoS.AT_LEAST_ONCE : MqttQoS.EXACTLY_ONCE);
            }
        }
        ctx.write(msg, promise);
    }

    private static boolean endsTheExchange(MqttMessage pubrec) {
        return pubrec.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                && (reply.reasonCode() & 0x80) != 0;
    }

    private MqttConnAckMessage announcingMaximum(MqttConnAckMessage connack) {
        return ConnackProperties.replacing(connack,
                new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), maximum)).message();
    }
}
