package dev.reddot.broker.pipeline;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the packets a client sends after its CONNECT until Moquette is ready for them. A client need not wait for
 * CONNACK (MQTT 5 3.1.4), yet Moquette 0.18.3 marks a connection as connected only in a listener of its CONNACK
 * write, which it registers from another thread: a SUBSCRIBE or PUBLISH that arrives first, pipelined after CONNECT
 * or sent the moment CONNACK arrives, found the connection "already closed" and was dropped with it.
 * <p>
 * While holding, the connection stops reading, so a client cannot pile packets up here. Moquette records the keep
 * alive on the channel right after it marks the connection connected: that attribute opens the gate.
 * <p>
 * The loss of a connection waits for the same moment. A client that dropped right after its CONNACK otherwise had its
 * loss handled first (its delayed Will Message scheduled) and the connection completed afterwards, which wiped the
 * scheduled Will Message: it was never published. By then Netty has taken the closed connection's pipeline apart, so
 * the loss goes straight to Moquette's handler.
 */
final class ConnectGate extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectGate.class);

    /** Set by Moquette ({@code NettyUtils.keepAlive}) once the connection is connected. */
    private static final AttributeKey<Object> MOQUETTE_KEEP_ALIVE = AttributeKey.valueOf("keepAlive");

    /** The name of Moquette's own handler, the last of every MQTT connection's pipeline. */
    private static final String MOQUETTE_HANDLER = "handler";

    private static final long CHECK_EVERY_MICROS = 200;
    private static final long GIVE_UP_AFTER_MICROS = TimeUnit.SECONDS.toMicros(10);

    private final Queue<Object> held = new ArrayDeque<>();
    private boolean connectSeen;
    private boolean open;
    private boolean connackWritten;
    /** Moquette's handler, when the connection was lost before Moquette completed it; told once it has. */
    private ChannelHandlerContext lossToReport;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (open) {
            ctx.fireChannelRead(msg);
        } else if (!connectSeen) {
            // a packet that failed to decode has no fixed header; Moquette closes the connection for it
            connectSeen = msg instanceof MqttMessage packet && packet.fixedHeader() != null
                    && packet.fixedHeader().messageType() == MqttMessageType.CONNECT;
            ctx.fireChannelRead(msg);
        } else {
            held.add(msg);
            ReadPauses.pause(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (open || held.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!open && msg instanceof MqttConnAckMessage connack
                && connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess()) {
                    connackWritten = true;
                    openWhenConnected(ctx, 0);
                }
            });
        }
        ctx.write(msg, promise);
    }

    private void openWhenConnected(ChannelHandlerContext ctx, long waitedMicros) {
        boolean connected = ctx.channel().hasAttr(MOQUETTE_KEEP_ALIVE)
                && ctx.channel().attr(MOQUETTE_KEEP_ALIVE).get() != null;
        if (connected && lossToReport != null) {
            open = true;
            reportLoss();
        } else if (connected) {
            open(ctx);
        } else if (waitedMicros >= GIVE_UP_AFTER_MICROS) {
            LOG.warn("{}: the broker did not complete the connection within {} s of its CONNACK; closing it",
                    ctx.channel().remoteAddress(), TimeUnit.MICROSECONDS.toSeconds(GIVE_UP_AFTER_MICROS));
            open = true;
            if (lossToReport != null) {
                reportLoss();
            } else {
                ctx.close();
            }
        } else {
            ctx.executor().schedule(() -> openWhenConnected(ctx, waitedMicros + CHECK_EVERY_MICROS),
                    CHECK_EVERY_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    private void open(ChannelHandlerContext ctx) {
        open = true;
        if (held.isEmpty()) {
            return;
        }
        LOG.debug("{}: passing on {} packets sent before the connection was complete", ctx.channel().remoteAddress(),
                held.size());
        Object msg;
        while ((msg = held.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        ctx.fireChannelReadComplete();
        ReadPauses.resume(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ChannelHandlerContext moquette = ctx.pipeline().context(MOQUETTE_HANDLER);
        if (connackWritten && !open && moquette != null) {
            lossToReport = moquette;
        } else {
            ctx.fireChannelInactive();
        }
    }

    private void reportLoss() {
        try {
            ((ChannelInboundHandler) lossToReport.handler()).channelInactive(lossToReport);
        } catch (Exception e) {
            LOG.warn("{}: the broker failed to handle the lost connection", lossToReport.channel().remoteAddress(), e);
        }
    }

    private void releaseHeld() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
