package dev.reddot.broker.pipeline;

import java.util.List;

import io.moquette.broker.SessionCommandsOnLoops;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resends what an MQTT 3.1.1 client with a persistent session left unacknowledged as soon as it reconnects, as MQTT
 * requires [MQTT-4.4.0-1]; Moquette 0.18.3 resends it for MQTT 3.1.1 only from a 5 s timer, so a client that came
 * back within 5 s waited up to 5 s more (MQTT 5 sessions Moquette resends at once). What was sent and not acknowledged
 * is kept in {@link UnacknowledgedDeliveries}; after the CONNACK with Session Present 1 the copies go out through
 * Moquette's own connection on the session's loop ({@link SessionCommandsOnLoops#resend}), so that its in-flight
 * window and send quota stay as its own resend leaves them.
 */
final class InflightResend extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InflightResend.class);

    /** The client id whose deliveries are tracked: an MQTT 3.1.1 client with Clean Session 0; null otherwise. */
    private String trackedClientId;
    /** An MQTT 3.1.1 client id with Clean Session 1, whose copies go once its CONNECT is accepted. */
    private String cleanClientId;
    private BrokerQuotas quotas;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            quotas = QuotasOfConnection.of(ctx);
            String clientId = connect.payload().clientIdentifier();
            if (connect.variableHeader().version() != MqttVersion.MQTT_5.protocolLevel() && !clientId.isEmpty()) {
                if (connect.variableHeader().isCleanSession()) {
                    cleanClientId = clientId;
                } else {
                    trackedClientId = clientId;
                    quotas.unacknowledgedDeliveries().newestPacketId(clientId)
                            .ifPresent(newest -> SessionCommandsOnLoops.reservePacketIds(ctx.channel(), newest));
                }
            }
        } else if (trackedClientId != null && msg instanceof MqttMessage packet && packet.decoderResult().isSuccess()
                && isAcknowledgement(packet.fixedHeader().messageType())) {
            int packetId = Packets.packetId(packet);
            if (quotas.unacknowledgedDeliveries().acknowledged(trackedClientId, packetId)
                    == UnacknowledgedDeliveries.Acknowledged.RESTORED) {
                answerRestored(ctx, packet.fixedHeader().messageType(), packetId);
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * An acknowledgement of a copy sent before the broker restarted, which Moquette knows nothing of ("PUBACK with
     * not matching packetId"): Reddot finishes the exchange itself, PUBREL for a PUBREC, nothing after a PUBACK or
     * PUBCOMP.
     */
    private void answerRestored(ChannelHandlerContext ctx, MqttMessageType type, int packetId) {
        if (type != MqttMessageType.PUBREC) {
            return;
        }
        MqttMessage pubrel = new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE,
                false, 2), MqttMessageIdVariableHeader.from(packetId));
        quotas.unacknowledgedDeliveries().restoredPubrelSent(trackedClientId, packetId, pubrel, System.nanoTime());
        ctx.writeAndFlush(pubrel);
    }

    private static boolean isAcknowledgement(MqttMessageType type) {
        return type == MqttMessageType.PUBACK || type == MqttMessageType.PUBREC || type == MqttMessageType.PUBCOMP;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (cleanClientId != null && msg instanceof MqttConnAckMessage connack) {
            if (connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                quotas.unacknowledgedDeliveries().forget(cleanClientId);
            }
            cleanClientId = null;
            ctx.write(msg, promise);
        } else if (trackedClientId == null) {
            ctx.write(msg, promise);
        } else if (msg instanceof MqttPublishMessage publish && publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
            quotas.unacknowledgedDeliveries().sent(trackedClientId, publish.variableHeader().packetId(), publish,
                    System.nanoTime());
            ctx.write(msg, promise);
        } else if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.PUBREL) {
            quotas.unacknowledgedDeliveries().sent(trackedClientId, Packets.packetId(packet), packet, System.nanoTime());
            ctx.write(msg, promise);
        } else if (msg instanceof MqttConnAckMessage connack) {
            connacked(ctx, connack, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void connacked(ChannelHandlerContext ctx, MqttConnAckMessage connack, ChannelPromise promise) {
        String clientId = trackedClientId;
        if (connack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            trackedClientId = null;
        } else if (!connack.variableHeader().isSessionPresent()) {
            quotas.unacknowledgedDeliveries().forget(clientId);
        } else {
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess()) {
                    resend(ctx, clientId);
                }
            });
            ctx.write(connack, promise);
            resendRestored(ctx, clientId);
            return;
        }
        ctx.write(connack, promise);
    }

    /**
     * Right behind the CONNACK, ahead of anything Moquette sends on this connection (it starts once the CONNACK is
     * written): what was left unacknowledged before the broker restarted, which Moquette does not know.
     */
    private void resendRestored(ChannelHandlerContext ctx, String clientId) {
        List<MqttMessage> copies = quotas.unacknowledgedDeliveries().toResend(clientId, System.nanoTime(), true);
        if (copies.isEmpty()) {
            return;
        }
        LOG.debug("{}: resending {} packets left unacknowledged before the broker restarted",
                ctx.channel().remoteAddress(), copies.size());
        copies.forEach(ctx::write);
    }

    private void resend(ChannelHandlerContext ctx, String clientId) {
        List<MqttMessage> copies = quotas.unacknowledgedDeliveries().toResend(clientId, System.nanoTime(), false);
        SessionCommandsOnLoops loops = quotas.sessionCommands().orElse(null);
        if (copies.isEmpty() || loops == null) {
            copies.forEach(ReferenceCountUtil::release);
            return;
        }
        LOG.debug("{}: resending {} unacknowledged packets at once", ctx.channel().remoteAddress(), copies.size());
        loops.resend(ctx.channel(), clientId, copies).whenComplete((done, failed) -> {
            copies.forEach(ReferenceCountUtil::release);
            if (failed != null) {
                LOG.warn("{}: unacknowledged packets not resent at once (Moquette resends them within 5 s): {}",
                        ctx.channel().remoteAddress(), failed.getMessage());
            }
        });
    }
}
