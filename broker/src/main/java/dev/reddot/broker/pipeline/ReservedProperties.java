package dev.reddot.broker.pipeline;

import java.util.ArrayList;
import java.util.List;

import dev.reddot.protocol.CountProperties;
import dev.reddot.protocol.security.Scope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes Reddot's own user properties ({@code seq}, {@code ts}, {@code reddot.*}: {@link CountProperties#isReserved})
 * from every PUBLISH and Will Message of a connection whose token is not an admin's. The gateways trust {@code seq}
 * to order counts: a device that could set it would freeze a badge at a number of its choosing. The message itself
 * still goes on (what the token allows is {@link AccessRefusals}'); the first removal on a connection is logged at
 * INFO, every later one at DEBUG. Without a token (open mode) nothing is removed.
 */
final class ReservedProperties extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ReservedProperties.class);

    private boolean stripping;
    private String subject;
    private boolean logged;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            ConnectToken.of(connect).filter(token -> token.scope() != Scope.ADMIN).ifPresent(token -> {
                stripping = true;
                subject = token.subject();
            });
            ctx.fireChannelRead(stripping && connect.variableHeader().isWillFlag()
                    && hasReserved(connect.payload().willProperties()) ? withoutReserved(ctx, connect) : msg);
        } else if (stripping && msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()
                && hasReserved(publish.variableHeader().properties())) {
            ctx.fireChannelRead(withoutReserved(ctx, publish));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private MqttConnectMessage withoutReserved(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        MqttConnectPayload payload = connect.payload();
        logRemoval(ctx, "Will Message to " + payload.willTopic());
        return new MqttConnectMessage(connect.fixedHeader(), connect.variableHeader(),
                new MqttConnectPayload(payload.clientIdentifier(), withoutReserved(payload.willProperties()),
                        payload.willTopic(), payload.willMessageInBytes(), payload.userName(),
                        payload.passwordInBytes()));
    }

    private MqttPublishMessage withoutReserved(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        MqttPublishVariableHeader header = publish.variableHeader();
        logRemoval(ctx, "PUBLISH to " + header.topicName());
        // the same payload buffer, now referenced by the new message only
        return new MqttPublishMessage(publish.fixedHeader(),
                new MqttPublishVariableHeader(header.topicName(), header.packetId(), withoutReserved(header.properties())),
                publish.payload());
    }

    private void logRemoval(ChannelHandlerContext ctx, String what) {
        if (logged) {
            LOG.debug("{}: {} may not set Reddot's user properties; removed from a {}", ctx.channel().remoteAddress(),
                    subject, what);
        } else {
            logged = true;
            LOG.info("{}: {} may not set Reddot's user properties (seq, ts, reddot.*); removed from a {}, and from any "
                    + "later message of this connection", ctx.channel().remoteAddress(), subject, what);
        }
    }

    private static boolean hasReserved(MqttProperties properties) {
        return properties.listAll().stream().anyMatch(property -> property instanceof UserProperties pairs
                && pairs.value().stream().anyMatch(pair -> CountProperties.isReserved(pair.key)));
    }

    private static MqttProperties withoutReserved(MqttProperties properties) {
        MqttProperties kept = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            if (property instanceof UserProperties pairs) {
                List<StringPair> allowed = new ArrayList<>();
                pairs.value().stream().filter(pair -> !CountProperties.isReserved(pair.key)).forEach(allowed::add);
                if (!allowed.isEmpty()) {
                    kept.add(new UserProperties(allowed));
                }
            } else {
                kept.add(property);
            }
        }
        return kept;
    }
}
