package dev.reddot.broker.pipeline;

import io.moquette.broker.SessionCommandsOnLoops;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 CONNECT with Clean Start 1 and a Session Expiry Interval above 0 asks for a new session that outlives the
 * connection. Moquette 0.18.3 creates a "clean" one instead: it keeps nothing queued while the client is away, and
 * keeps its queue in memory only. Here the old session (if any) is ended first, on its session loop, once the
 * authenticator has accepted the CONNECT ({@link SessionCommandsOnLoops#purgeIf}); then Moquette gets the CONNECT with
 * Clean Start 0 and, finding no session, creates a persistent one. The CONNACK says Session Present 0, as the client
 * asked for a new session [MQTT-3.2.2-2].
 * <p>
 * While the old session is being ended the connection holds its later packets ({@link ConnectGate}, which passes on
 * nothing before Moquette has completed the connection). Concurrent CONNECTs of one client id are ordered by their
 * session loop: each ends whatever session the previous one left, Moquette then takes over as it would.
 */
final class CleanStartSessions extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CleanStartSessions.class);

    /** Whether this connection's CONNECT was passed on as Clean Start 0, so its CONNACK must say Session Present 0. */
    private boolean rewritten;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttConnectMessage connect) || !connect.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ConnectingClient client = ConnectingClient.of(connect);
        AuthenticatorWithQuotas authenticator = QuotasOfConnection.authenticator(ctx);
        SessionCommandsOnLoops loops = authenticator.quotas().sessionCommands().orElse(null);
        if (!client.mqtt5() || !client.cleanStart() || client.sessionExpiry() == 0 || client.clientId().isEmpty()
                || loops == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        MqttConnectPayload payload = connect.payload();
        byte[] password = connect.variableHeader().hasPassword() ? payload.passwordInBytes() : null;
        String userName = connect.variableHeader().hasUserName() ? payload.userName() : null;
        loops.purgeIf(client.clientId(), () -> authenticator.checkValid(client.clientId(), userName, password))
                .whenComplete((allowed, failed) -> ctx.executor().execute(() -> {
                    if (failed != null) {
                        LOG.warn("{}: the old session of {} could not be ended; Moquette starts a clean one",
                                ctx.channel().remoteAddress(), client.clientId(), failed);
                    }
                    if (!ctx.channel().isActive()) {
                        ReferenceCountUtil.release(connect);
                        return;
                    }
                    rewritten = failed == null && allowed;
                    ctx.fireChannelRead(rewritten ? withCleanStart0(connect) : connect);
                    ctx.fireChannelReadComplete();
                }));
    }

    private static MqttConnectMessage withCleanStart0(MqttConnectMessage connect) {
        MqttConnectVariableHeader header = connect.variableHeader();
        return new MqttConnectMessage(connect.fixedHeader(),
                new MqttConnectVariableHeader(header.name(), header.version(), header.hasUserName(),
                        header.hasPassword(), header.isWillRetain(), header.willQos(), header.isWillFlag(),
                        false, header.keepAliveTimeSeconds(), header.properties()),
                connect.payload());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (rewritten && msg instanceof MqttConnAckMessage connack && connack.variableHeader().isSessionPresent()
                && connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            // another CONNECT of the same client id came between the old session's end and this one
            MqttConnAckVariableHeader header = connack.variableHeader();
            ctx.write(new MqttConnAckMessage(connack.fixedHeader(),
                    new MqttConnAckVariableHeader(header.connectReturnCode(), false, header.properties())), promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
