package dev.reddot.broker.pipeline;

import dev.reddot.protocol.MeterNames;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * Reports a connection's opening and end, and every PUBLISH written to it, to the broker's {@link ListenerTraffic},
 * with the listener it came through. It sits next to the MQTT codec, behind Reddot's other handlers: a PUBLISH one of
 * them keeps from the client is not counted. Moquette has no callback for what it sends.
 */
final class TrafficMeter extends ChannelDuplexHandler {

    /** Moquette 0.18.3's name of the handler that only WebSocket connections have ({@code NewNettyAcceptor}). */
    private static final String MOQUETTE_WEBSOCKET_HANDLER = "webSocketHandler";

    private ListenerTraffic traffic = ListenerTraffic.NONE;
    private String listener;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // the pipeline is complete once the channel is active: the broker's quotas can be found
        listener = ctx.pipeline().get(MOQUETTE_WEBSOCKET_HANDLER) != null
                ? MeterNames.LISTENER_WEBSOCKET : MeterNames.LISTENER_TCP;
        traffic = QuotasOfConnection.of(ctx).traffic();
        traffic.opened(listener);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (listener != null) {
            traffic.closed(listener);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof MqttPublishMessage && listener != null) {
            traffic.sent(listener);
        }
        super.write(ctx, msg, promise);
    }
}
