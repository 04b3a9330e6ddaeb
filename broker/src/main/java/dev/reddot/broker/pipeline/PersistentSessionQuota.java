package dev.reddot.broker.pipeline;

import java.time.Duration;
import java.util.Optional;

import dev.reddot.broker.pipeline.PersistentSessions.HeldSession;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the persistent sessions one token's subject may hold ({@code persistent-sessions-per-subject}): each keeps its
 * subscriptions and a queue of messages in the broker for up to {@code max-session-expiry} after its connection ends,
 * and a token could otherwise create them under ever new client ids. The CONNECT that would create one more gets
 * CONNACK 0x97 Quota exceeded (MQTT 3.1.1: 0x03 Server unavailable, its nearest code) and is closed; reconnecting to
 * one of the subject's sessions is always allowed. A session's place is freed when it expires after its last
 * connection, or when a clean start replaces it. The sessions a restart brings back from the store hold their places
 * from the start ({@link PersistentSessions}). {@code admin} tokens and open mode (no subject) are not capped.
 * <p>
 * The place is taken at CONNECT, so that simultaneous CONNECTs cannot pass the cap together, and given back if the
 * CONNECT is refused after all (a forged token, for one, must not take its claimed subject's places).
 */
final class PersistentSessionQuota extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PersistentSessionQuota.class);

    private BrokerQuotas quotas;
    private PersistentSessions sessions;
    private ConnectingClient client;
    /** What the place was before this connection took it, until CONNACK tells whether the CONNECT was accepted. */
    private Optional<HeldSession> previous;
    private boolean persistent;
    private boolean accepted;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess() && client == null) {
            ConnectingClient connecting = ConnectingClient.of(connect);
            if (connecting.token().isPresent() && !connecting.isService() && !connecting.clientId().isEmpty()) {
                quotas = QuotasOfConnection.of(ctx);
                sessions = quotas.persistentSessions();
                client = connecting;
                if (!admitted(ctx)) {
                    ReferenceCountUtil.release(connect);
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private boolean admitted(ChannelHandlerContext ctx) {
        String subject = client.principal();
        // MQTT 5 clean start 0 reopens an existing session with the expiry it was created with, whatever this CONNECT asks
        persistent = client.persistentSession()
                || !client.cleanStart() && sessions.holds(subject, client.clientId());
        if (!persistent) {
            return true;
        }
        Optional<Optional<HeldSession>> taken = sessions.take(subject, client.clientId(), this);
        if (taken.isPresent()) {
            previous = taken.get();
            return true;
        }
        LOG.info("{}: {} holds {} persistent sessions, the most a subject may; CONNECT of a new one refused",
                ctx.channel().remoteAddress(), client.subject(), sessions.perSubject());
        MqttConnectReturnCode code = client.mqtt5() ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build())
                .addListener(ChannelFutureListener.CLOSE);
        client = null;
        return false;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (client != null && !accepted && msg instanceof MqttConnAckMessage connack) {
            if (connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                accepted = true;
                if (!persistent && client.cleanStart()) {
                    sessions.ended(client.principal(), client.clientId());
                }
            } else {
                giveBackIfTaken();
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null && persistent) {
            if (accepted) {
                sessions.left(client.principal(), client.clientId(), this, expiry());
            } else {
                giveBackIfTaken();
            }
        }
        ctx.fireChannelInactive();
    }

    private void giveBackIfTaken() {
        if (persistent && previous != null) {
            sessions.giveBack(client.principal(), client.clientId(), previous);
            previous = null;
            persistent = false;
        }
    }

    /** How long Moquette keeps the session: the interval asked for (already capped) or, for 3.1.1, the maximum. */
    private Duration expiry() {
        long maximum = quotas.limits().maxSessionExpirySeconds();
        return Duration.ofSeconds(client.mqtt5() && client.sessionExpiry() > 0
                ? Math.min(client.sessionExpiry(), maximum) : maximum);
    }
}
