package io.moquette.broker.metrics;

import dev.reddot.broker.pipeline.ReddotPipeline;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;

/**
 * Takes the place of Moquette 0.18.3's per-connection packet logger, which Moquette adds to every MQTT connection
 * (TCP and WebSocket) right before its own handler and which no setting can replace. Reddot uses that slot to put its
 * own handlers in front of Moquette ({@link ReddotPipeline}), then steps aside. Same package, name and constructor as
 * Moquette's class; see broker/README.md.
 */
public class MQTTMessageLogger extends ChannelHandlerAdapter {

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ReddotPipeline.installAfter(ctx);
        ctx.pipeline().remove(this);
    }
}
