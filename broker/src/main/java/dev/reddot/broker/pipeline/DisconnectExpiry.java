package dev.reddot.broker.pipeline;

import io.moquette.broker.SessionCommandsOnLoops;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours the Session Expiry Interval of an MQTT 5 DISCONNECT (3.14.2.2.2), which Moquette 0.18.3 ignores: 0 ends the
 * session at once, another value replaces the CONNECT's (capped like it, {@code max-session-expiry}). The new interval
 * is given to the session on its loop before Moquette handles the DISCONNECT
 * ({@link SessionCommandsOnLoops#changeExpiry}), so Moquette's own expiry ends the session, and the store keeps it
 * across a restart. A DISCONNECT that sets an interval above 0 on a session that had 0 is a protocol error
 * [MQTT-3.14.2-2]: DISCONNECT 0x82 and the connection closed (the session ends with it, its Will published).
 */
final class DisconnectExpiry extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DisconnectExpiry.class);

    private ConnectingClient client;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            client = ConnectingClient.of(connect);
        } else if (client != null && client.mqtt5() && msg instanceof MqttMessage packet
                && packet.decoderResult().isSuccess() && packet.fixedHeader().messageType() == MqttMessageType.DISCONNECT
                && packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            MqttProperties.MqttProperty<?> expiry =
                    header.properties().getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            if (expiry != null && !changeExpiry(ctx, packet, Integer.toUnsignedLong((Integer) expiry.value()))) {
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Answers whether the DISCONNECT goes on to Moquette. */
    private boolean changeExpiry(ChannelHandlerContext ctx, MqttMessage disconnect, long asked) {
        if (client.sessionExpiry() == 0 && asked > 0) {
            ReferenceCountUtil.release(disconnect);
            LOG.info("{}: DISCONNECT with a Session Expiry Interval of {} s on a session that had 0 refused, connection "
                    + "closed [MQTT-3.14.2-2]", ctx.channel().remoteAddress(), asked);
            ctx.writeAndFlush(MqttMessageBuilders.disconnect()
                            .reasonCode(MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue()).build())
                    .addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        BrokerQuotas quotas = QuotasOfConnection.of(ctx);
        long used = Math.min(asked, quotas.limits().maxSessionExpirySeconds());
        if (used != client.sessionExpiry()) {
            quotas.sessionCommands().ifPresent(loops -> loops.changeExpiry(ctx.channel(), client.clientId(), (int) used)
                    .whenComplete((done, failed) -> {
                        if (failed != null) {
                            LOG.warn("{}: the Session Expiry Interval of the DISCONNECT ({} s) was not applied",
                                    ctx.channel().remoteAddress(), used, failed);
                        }
                    }));
        }
        return true;
    }
}
