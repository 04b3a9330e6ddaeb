package dev.reddot.broker.pipeline;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

/**
 * Stops reading a connection while at least one of Reddot's handlers needs it stopped. Several of them pause a
 * connection for reasons of their own ({@link ConnectGate}, {@link PublishBudget}, {@link PublishBackpressure}): one
 * resuming must not undo another's pause, or the packets the other holds would pile up without bound.
 * <p>
 * Only on the connection's event loop, where all of its handlers run.
 */
final class ReadPauses {

    private static final AttributeKey<Set<ChannelHandler>> PAUSED_BY = AttributeKey.valueOf("reddotReadPausedBy");

    private ReadPauses() {
    }

    /** {@code ctx}'s handler needs the connection's reading stopped. */
    static void pause(ChannelHandlerContext ctx) {
        pausedBy(ctx).add(ctx.handler());
        ctx.channel().config().setAutoRead(false);
    }

    /** {@code ctx}'s handler no longer needs it stopped; reading goes on once no other handler does. */
    static void resume(ChannelHandlerContext ctx) {
        Set<ChannelHandler> pausers = pausedBy(ctx);
        pausers.remove(ctx.handler());
        if (pausers.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static Set<ChannelHandler> pausedBy(ChannelHandlerContext ctx) {
        Attribute<Set<ChannelHandler>> attribute = ctx.channel().attr(PAUSED_BY);
        Set<ChannelHandler> pausers = attribute.get();
        if (pausers == null) {
            pausers = Collections.newSetFromMap(new IdentityHashMap<>());
            attribute.set(pausers);
        }
        return pausers;
    }
}
