package dev.reddot.broker.pipeline;

import java.util.concurrent.TimeUnit;

import io.moquette.broker.SessionEventLoop;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows a publisher down when the broker falls behind, instead of letting Moquette discard its messages. Moquette
 * 0.18.3 routes every PUBLISH through a bounded command queue per session loop and drops the message, with one WARN
 * line each, when that queue is full: four fast QoS 0 publishers lost most of their messages.
 * <p>
 * When the fullest queue passes {@link #PAUSE_AT}, this connection stops reading and keeps the packets already
 * decoded; once the queues are back under {@link #RESUME_BELOW} it passes them on and reads again. A publisher
 * therefore feels TCP back-pressure, as with Mosquitto, and nothing it sent is lost. A pause never lasts more than
 * 5 s: a broker that stays behind that long gets the packets anyway (and may then drop some, as Moquette does).
 * <p>
 * The last line of defence, for many devices publishing at once: one fast device is slowed at its own connection by
 * {@link PublishBudget} before it fills the queues. Services ({@code admin} tokens) are never paused: their counts are
 * every user's, and pausing them behind devices froze every badge. In open mode no connection has a token and every
 * one is paused alike.
 */
final class PublishBackpressure extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PublishBackpressure.class);

    static final double PAUSE_AT = 0.25;
    static final double RESUME_BELOW = 0.10;
    private static final long CHECK_EVERY_MICROS = 500;
    /** A publisher is never held longer than this: past it, its packets go on even if the broker is still behind. */
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final HeldPackets held = new HeldPackets();
    private boolean connectSeen;
    private boolean service;
    private long pausedSince;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!connectSeen && msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            connectSeen = true;
            service = ConnectingClient.of(connect).isService();
        }
        if (held.holding()) {
            held.hold(ctx, msg);
        } else if (!service && msg instanceof MqttPublishMessage && !caughtUp(PAUSE_AT)) {
            pausedSince = System.nanoTime();
            held.hold(ctx, msg);
            LOG.debug("{}: the broker is behind; reading paused", ctx.channel().remoteAddress());
            resumeWhenCaughtUp(ctx);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void resumeWhenCaughtUp(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (caughtUp(RESUME_BELOW)) {
                // passes held packets on until the broker is behind again
                if (!held.passOn(ctx, () -> caughtUp(PAUSE_AT))) {
                    resumeWhenCaughtUp(ctx);
                }
            } else if (System.nanoTime() - pausedSince > LONGEST_PAUSE_NANOS) {
                LOG.warn("{}: the broker has been behind for {} s; passing this publisher's packets on anyway",
                        ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toSeconds(LONGEST_PAUSE_NANOS));
                held.passOn(ctx, () -> true);
            } else {
                resumeWhenCaughtUp(ctx);
            }
        }, CHECK_EVERY_MICROS, TimeUnit.MICROSECONDS);
    }

    /** Whether the fullest session loop queue is under {@code fill} of its size. */
    private static boolean caughtUp(double fill) {
        return SessionEventLoop.busiestQueueFill() < fill;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.release();
    }
}
