package dev.reddot.broker.pipeline;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * The packets a handler keeps, in the order they came, while it has stopped reading its connection
 * ({@link ReadPauses}): what was decoded before the pause took effect. {@link PublishBudget} and
 * {@link PublishBackpressure} each hold a connection's PUBLISH this way for reasons of their own, and pass them on
 * once their reason is gone. Only on the connection's event loop.
 */
final class HeldPackets {

    private final Queue<Object> held = new ArrayDeque<>();
    private boolean holding;

    /** Whether packets are being held: every packet read now must join them, to keep the order. */
    boolean holding() {
        return holding;
    }

    /** Keeps {@code msg}; the first one stops reading the connection for {@code ctx}'s handler. */
    void hold(ChannelHandlerContext ctx, Object msg) {
        held.add(msg);
        if (!holding) {
            holding = true;
            ReadPauses.pause(ctx);
        }
    }

    /**
     * Passes the held packets on, in order, as long as {@code publishMayPass} lets each PUBLISH through (it is asked
     * once per PUBLISH, and may take a permit); once none is left, reading goes on for {@code ctx}'s handler.
     *
     * @return whether all went on; false when one PUBLISH is still held
     */
    boolean passOn(ChannelHandlerContext ctx, BooleanSupplier publishMayPass) {
        boolean passed = false;
        while (!held.isEmpty()) {
            if (held.peek() instanceof MqttPublishMessage && !publishMayPass.getAsBoolean()) {
                if (passed) {
                    ctx.fireChannelReadComplete();
                }
                return false;
            }
            ctx.fireChannelRead(held.poll());
            passed = true;
        }
        holding = false;
        ctx.fireChannelReadComplete();
        ReadPauses.resume(ctx);
        return true;
    }

    /** The connection ended: what is held goes nowhere. */
    void release() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
