package dev.reddot.broker.pipeline;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows one device or user that publishes faster than its budget down at its own connections, before its messages
 * reach the session loops' queues that every client shares. Without it, four devices flooding QoS 0 and 1 telemetry
 * filled those queues, and the publisher-service's counts waited behind their messages (p99 over half a second) even
 * when the service itself was never paused.
 * <p>
 * A subject gets {@code publish-burst-per-subject} PUBLISH at once and {@code publish-rate-per-subject} a second after
 * that, over all of its connections together ({@link BrokerQuotas#joinPublishBudget}): a device opening four
 * connections gets the budget of one. One PUBLISH beyond the budget stops the reading of the connection that sent it:
 * the packets already decoded are kept, in order, and passed on as the budget refills; reading resumes once none is
 * left. The client feels TCP back-pressure (MQTT lets a server slow a client down); nothing is dropped or refused, and
 * the connection stays open. Services ({@code admin} tokens) and open mode have no budget: one of them may be the
 * publisher-service, whose traffic is every user's.
 */
final class PublishBudget extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PublishBudget.class);

    /** Waiting for less than this is not worth a timer: the next check passes what has come by then. */
    private static final long SHORTEST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final HeldPackets held = new HeldPackets();
    private BrokerQuotas quotas;
    private ConnectingClient client;
    private Optional<PermitBucket> budget = Optional.empty();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (client == null && msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            quotas = QuotasOfConnection.of(ctx);
            client = ConnectingClient.of(connect);
            budget = quotas.joinPublishBudget(client, System.nanoTime());
        }
        if (held.holding()) {
            held.hold(ctx, msg);
        } else if (msg instanceof MqttPublishMessage && !withinBudget()) {
            held.hold(ctx, msg);
            LOG.debug("{}: {} is over its publish budget; reading paused", ctx.channel().remoteAddress(),
                    client.subject());
            passOnWhenRefilled(ctx);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private boolean withinBudget() {
        return budget.map(bucket -> bucket.tryTake(System.nanoTime())).orElse(true);
    }

    private void passOnWhenRefilled(ChannelHandlerContext ctx) {
        long wait = budget.map(bucket -> bucket.nanosUntilNext(System.nanoTime())).orElse(0L);
        ctx.executor().schedule(() -> passHeldOn(ctx), Math.max(wait, SHORTEST_WAIT_NANOS), TimeUnit.NANOSECONDS);
    }

    /** Passes held packets on while the budget allows; reads again once none is left. */
    private void passHeldOn(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && !held.passOn(ctx, this::withinBudget)) {
            passOnWhenRefilled(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ended();
    }

    private void ended() {
        held.release();
        if (budget.isPresent()) {
            budget = Optional.empty();
            quotas.leavePublishBudget(client);
        }
    }
}
