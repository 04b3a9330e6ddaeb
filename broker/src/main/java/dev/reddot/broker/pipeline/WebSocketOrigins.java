package dev.reddot.broker.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In open mode, refuses with 403, before the upgrade, a WebSocket handshake whose {@code Origin} is not one of
 * {@code reddot.security.allowed-origins}: browsers let any page open a WebSocket to any address, so without this a
 * page of another site could read and publish every count through a broker on the visitor's own machine. A handshake
 * without {@code Origin} (a native client: mosquitto, Paho, MQTT.js on Node) passes. In token mode there is no check: a
 * token is never sent by a browser on its own, as a cookie would be.
 *
 * <p>The allowed origins are the broker's, found with {@link QuotasOfConnection} when the handshake arrives (the
 * pipeline is complete by then); a broker in token mode has none to check.
 */
final class WebSocketOrigins extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketOrigins.class);

    /** Moquette 0.18.3's names of a WebSocket connection's handlers ({@code NewNettyAcceptor}). */
    private static final String MOQUETTE_WEBSOCKET_HANDLER = "webSocketHandler";
    private static final String MOQUETTE_HTTP_AGGREGATOR = "aggregator";

    /** Puts the check in front of the WebSocket upgrade, on a WebSocket connection. */
    static void installIn(ChannelPipeline pipeline) {
        if (pipeline.get(MOQUETTE_WEBSOCKET_HANDLER) != null) {
            // right after the whole request is read: Netty's handshake handler sits in front of "webSocketHandler"
            pipeline.addAfter(MOQUETTE_HTTP_AGGREGATOR, "reddotWebSocketOrigins", new WebSocketOrigins());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            Optional<OriginPatterns> allowed = QuotasOfConnection.of(ctx).webSocketOrigins();
            if (origin != null && allowed.isPresent() && !allowed.get().allows(origin)) {
                ReferenceCountUtil.release(message);
                refuse(ctx, origin);
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    private static void refuse(ChannelHandlerContext ctx, String origin) {
        LOG.info("{}: WebSocket handshake from origin {} refused: not in reddot.security.allowed-origins",
                ctx.channel().remoteAddress(), origin.length() > 200 ? origin.substring(0, 200) + "…" : origin);
        byte[] body = ("A WebSocket from origin " + origin + " is not allowed: the broker is in open mode and takes "
                + "only the origins of reddot.security.allowed-origins\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
