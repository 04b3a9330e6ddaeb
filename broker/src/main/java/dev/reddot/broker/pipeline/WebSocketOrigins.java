package dev.reddot.broker.pipeline;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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
 * <p>Moquette creates the connection's pipeline and gives Reddot no way to hand it settings, so the allowed origins
 * reach this handler through the one piece of static state of the pipeline: an immutable map from a WebSocket
 * listener's port to its origins, replaced as a whole when a broker starts or stops ({@link #allowOnPort}).
 */
public final class WebSocketOrigins extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketOrigins.class);

    /** Moquette 0.18.3's names of a WebSocket connection's handlers ({@code NewNettyAcceptor}). */
    private static final String MOQUETTE_WEBSOCKET_HANDLER = "webSocketHandler";
    private static final String MOQUETTE_HTTP_AGGREGATOR = "aggregator";

    private static volatile Map<Integer, OriginPatterns> checkedPorts = Map.of();

    private final OriginPatterns allowed;

    private WebSocketOrigins(OriginPatterns allowed) {
        this.allowed = allowed;
    }

    /** From now on, WebSocket handshakes on {@code port} must come from {@code allowed} origins (or name none). */
    public static synchronized void allowOnPort(int port, OriginPatterns allowed) {
        Map<Integer, OriginPatterns> next = new HashMap<>(checkedPorts);
        next.put(port, allowed);
        checkedPorts = Map.copyOf(next);
    }

    /** The listener on {@code port} is gone (its broker stopped): no check for whatever binds the port next. */
    public static synchronized void forgetPort(int port) {
        Map<Integer, OriginPatterns> next = new HashMap<>(checkedPorts);
        next.remove(port);
        checkedPorts = Map.copyOf(next);
    }

    /** Puts the check in front of the WebSocket upgrade, on a WebSocket connection to a checked port. */
    static void installIn(ChannelPipeline pipeline) {
        if (pipeline.get(MOQUETTE_WEBSOCKET_HANDLER) == null
                || !(pipeline.channel().localAddress() instanceof InetSocketAddress local)) {
            return;
        }
        // a listener asked for port 0 is registered under 0: its real port is only known once bound
        OriginPatterns allowed = checkedPorts.getOrDefault(local.getPort(), checkedPorts.get(0));
        if (allowed != null) {
            // right after the whole request is read: Netty's handshake handler sits in front of "webSocketHandler"
            pipeline.addAfter(MOQUETTE_HTTP_AGGREGATOR, "reddotWebSocketOrigins", new WebSocketOrigins(allowed));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !allowed.allows(origin)) {
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
