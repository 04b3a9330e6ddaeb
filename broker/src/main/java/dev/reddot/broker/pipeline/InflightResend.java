package dev.reddot.broker.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resends what a client with a persistent session left unacknowledged as soon as it reconnects, as MQTT requires
 * [MQTT-4.4.0-1], also after a broker restart. What was sent and not acknowledged is kept in
 * {@link UnacknowledgedDeliveries}, which a restart keeps in a file.
 * <ul>
 *   <li>Within one broker run, Moquette 0.18.3 resends an MQTT 3.1.1 session's packets only from a 5 s timer: after
 *   the CONNACK with Session Present 1 the copies go out through Moquette's own connection on the session's loop
 *   ({@link SessionCommandsOnLoops#resend}), so that its in-flight window and send quota stay as its own resend leaves
 *   them. MQTT 5 sessions Moquette resends at once itself.</li>
 *   <li>After a restart Moquette knows nothing of them: the copies are written right behind the CONNACK, ahead of
 *   anything Moquette sends, and their acknowledgements are answered here and kept from Moquette. An MQTT 5 copy
 *   takes a slot of the client's Receive Maximum in Moquette's send quota until its exchange ends.</li>
 *   <li>A new connection numbers its packets past the newest one left unacknowledged
 *   ({@link SessionCommandsOnLoops#reservePacketIds}): Moquette starts every connection at 1.</li>
 * </ul>
 */
final class InflightResend extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InflightResend.class);
    private static final int SESSION_EXPIRY_INTERVAL = MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value();
    private static final int FIRST_FAILURE_CODE = 0x80;

    /** The client id whose deliveries are tracked: its session outlives the connection; null otherwise. */
    private String trackedClientId;
    private boolean mqtt5;
    /** A client id whose CONNECT asks for a session that ends with the connection: its copies go once accepted. */
    private String cleanClientId;
    private BrokerQuotas quotas;
    /** Packet ids of restored MQTT 5 copies sent on this connection, each holding a slot of Moquette's send quota. */
    private final Set<Integer> slotsHeld = new HashSet<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            connecting(ctx, connect);
        } else if (trackedClientId != null && msg instanceof MqttMessage packet && packet.decoderResult().isSuccess()
                && isAcknowledgement(packet.fixedHeader().messageType())) {
            int packetId = Packets.packetId(packet);
            if (quotas.unacknowledgedDeliveries().acknowledged(trackedClientId, packetId)
                    == UnacknowledgedDeliveries.Acknowledged.RESTORED) {
                answerRestored(ctx, packet, packetId);
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void connecting(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        quotas = QuotasOfConnection.of(ctx);
        String clientId = connect.payload().clientIdentifier();
        if (clientId.isEmpty()) {
            return;
        }
        mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
        if (!sessionOutlivesConnection(connect)) {
            cleanClientId = clientId;
            return;
        }
        trackedClientId = clientId;
        quotas.unacknowledgedDeliveries().newestPacketId(clientId)
                .ifPresent(newest -> SessionCommandsOnLoops.reservePacketIds(ctx.channel(), newest));
    }

    /** MQTT 3.1.1: Clean Session 0. MQTT 5: Clean Start 0 (a session it resumes) or a Session Expiry Interval. */
    private boolean sessionOutlivesConnection(MqttConnectMessage connect) {
        if (!mqtt5) {
            return !connect.variableHeader().isCleanSession();
        }
        MqttProperties.MqttProperty<?> expiry = connect.variableHeader().properties().getProperty(SESSION_EXPIRY_INTERVAL);
        return !connect.variableHeader().isCleanSession()
                || expiry instanceof MqttProperties.IntegerProperty seconds && seconds.value() != 0;
    }

    private static boolean isAcknowledgement(MqttMessageType type) {
        return type == MqttMessageType.PUBACK || type == MqttMessageType.PUBREC || type == MqttMessageType.PUBCOMP;
    }

    /**
     * An acknowledgement of a copy sent before the broker restarted, which Moquette knows nothing of ("PUBACK with
     * not matching packetId"): Reddot finishes the exchange itself, PUBREL for a successful PUBREC, nothing else; once
     * it has ended, the copy's slot of the send quota goes back.
     */
    private void answerRestored(ChannelHandlerContext ctx, MqttMessage acknowledgement, int packetId) {
        if (acknowledgement.fixedHeader().messageType() == MqttMessageType.PUBREC && !refused(acknowledgement)) {
            MqttMessage pubrel = new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false,
                    MqttQoS.AT_LEAST_ONCE, false, 2), MqttMessageIdVariableHeader.from(packetId));
            quotas.unacknowledgedDeliveries().restoredPubrelSent(trackedClientId, packetId, pubrel, System.nanoTime());
            ctx.writeAndFlush(pubrel);
            return;
        }
        if (slotsHeld.remove(packetId)) {
            quotas.sessionCommands().ifPresent(loops -> loops.releaseSendSlot(ctx.channel(), trackedClientId)
                    .whenComplete((done, failed) -> {
                        if (failed != null) {
                            LOG.warn("{}: a send slot of an acknowledged copy not given back: {}",
                                    ctx.channel().remoteAddress(), failed.getMessage());
                        }
                    }));
        }
    }

    /** An MQTT 5 PUBREC with a failure reason code ends the exchange [MQTT-4.3.3-4]. */
    private static boolean refused(MqttMessage acknowledgement) {
        return acknowledgement.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                && reply.reasonCode() >= FIRST_FAILURE_CODE;
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
            ctx.write(connack, promise);
        } else if (!connack.variableHeader().isSessionPresent()) {
            quotas.unacknowledgedDeliveries().forget(clientId);
            ctx.write(connack, promise);
        } else {
            if (!mqtt5) {
                promise = promise.unvoid();
                promise.addListener(written -> {
                    if (written.isSuccess()) {
                        resend(ctx, clientId);
                    }
                });
            }
            ctx.write(connack, promise);
            resendRestored(ctx, clientId);
        }
    }

    /**
     * Right behind the CONNACK, ahead of anything Moquette sends on this connection (it starts once the CONNACK is
     * written): what was left unacknowledged before the broker restarted, which Moquette does not know. For MQTT 5 only
     * as many as the client's Receive Maximum leaves room for; the others wait for its next reconnect.
     */
    private void resendRestored(ChannelHandlerContext ctx, String clientId) {
        List<MqttMessage> copies = quotas.unacknowledgedDeliveries().toResend(clientId, System.nanoTime(), true);
        if (copies.isEmpty()) {
            return;
        }
        int sending = mqtt5 ? SessionCommandsOnLoops.takeSendSlots(ctx.channel(), copies.size()) : copies.size();
        LOG.debug("{}: resending {} of {} packets left unacknowledged before the broker restarted",
                ctx.channel().remoteAddress(), sending, copies.size());
        for (int i = 0; i < copies.size(); i++) {
            MqttMessage copy = copies.get(i);
            if (i >= sending) {
                ReferenceCountUtil.release(copy);
                continue;
            }
            if (mqtt5) {
                slotsHeld.add(UnacknowledgedDeliveries.packetIdOf(copy));
            }
            ctx.write(copy);
        }
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
