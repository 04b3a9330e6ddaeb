package dev.reddot.broker.pipeline;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows one device or user that publishes faster than its budget down at its own connection, before its messages
 * reach the session loops' queues that every client shares. Without it, four devices flooding QoS 0 and 1 telemetry
 * filled those queues, and the publisher-service's counts waited behind their messages (p99 over half a second) even
 * when the service itself was never paused.
 * <p>
 * A connection gets {@code publish-burst-per-client} PUBLISH at once and {@code publish-rate-per-client} a second
 * after that ({@link BrokerQuotas#publishBudget}). One PUBLISH beyond its budget stops the connection's reading: the
 * packets already decoded are kept, in order, and passed on as the budget refills; reading resumes once none is left.
 * The client feels TCP back-pressure (MQTT lets a server slow a client down); nothing is dropped or refused, and the
 * connection stays open. Services ({@code admin} tokens) and open mode have no budget: one of them may be the
 * publisher-service, whose traffic is every user's.
 */
final class PublishBudget extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PublishBudget.class);

    /** Waiting for less than this is not worth a timer: the next check passes what has come by then. */
    private static final long SHORTEST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Queue<Object> held = new ArrayDeque<>();
    private boolean connectSeen;
    private Optional<PermitBucket> budget = Optional.empty();
    private boolean paused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!connectSeen && msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            connectSeen = true;
            budget = QuotasOfConnection.of(ctx).publishBudget(ConnectingClient.of(connect).token(), System.nanoTime());
        }
        if (paused) {
            held.add(msg);
        } else if (msg instanceof MqttPublishMessage && !withinBudget()) {
            paused = true;
            held.add(msg);
            ReadPauses.pause(ctx);
            LOG.debug("{}: over its publish budget; reading paused", ctx.channel().remoteAddress());
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
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean passed = false;
        while (!held.isEmpty()) {
            if (held.peek() instanceof MqttPublishMessage && !withinBudget()) {
                if (passed) {
                    ctx.fireChannelReadComplete();
                }
                passOnWhenRefilled(ctx);
                return;
            }
            ctx.fireChannelRead(held.poll());
            passed = true;
        }
        paused = false;
        ctx.fireChannelReadComplete();
        ReadPauses.resume(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    private void releaseHeld() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
