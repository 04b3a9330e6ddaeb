package dev.reddot.simulator.mqtt;

import static dev.reddot.simulator.mqtt.MqttPackets.connect;
import static dev.reddot.simulator.mqtt.MqttPackets.disconnectReason;
import static dev.reddot.simulator.mqtt.MqttPackets.fixedHeaderOnly;
import static dev.reddot.simulator.mqtt.MqttPackets.hex;
import static dev.reddot.simulator.mqtt.MqttPackets.packetId;
import static dev.reddot.simulator.mqtt.MqttPackets.pubReply;
import static dev.reddot.simulator.mqtt.MqttPackets.publishMessage;
import static dev.reddot.simulator.mqtt.MqttPackets.reasonCode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one MQTT connection: CONNECT/CONNACK, the QoS 1 and 2 flows in both directions, keep alive.
 * Every method runs on the channel's event loop, so the state below needs no locks.
 */
final class MqttClientHandler extends SimpleChannelInboundHandler<MqttMessage> {

    private static final Logger log = LoggerFactory.getLogger(MqttClientHandler.class);

    /** MQTT 5 reason codes of 0x80 and above are failures; below (e.g. 0x10 "no matching subscribers") succeed. */
    private static final int FIRST_FAILURE_REASON = 0x80;

    private final MqttClientOptions options;
    private final Consumer<ReceivedMessage> onMessage;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final PublishWindow window;
    private final IntObjectMap<CompletableFuture<Integer>> subscriptions = new IntObjectHashMap<>();
    private final Set<Integer> receivedQos2 = new HashSet<>();

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> connAckTimeout;
    private int nextPacketId = 1;
    private boolean disconnecting;
    private String closeReason = "connection closed by the broker";

    MqttClientHandler(MqttClientOptions options, Consumer<ReceivedMessage> onMessage) {
        this.options = options;
        this.onMessage = onMessage;
        this.window = new PublishWindow(options.maxInflight());
    }

    CompletableFuture<Void> connected() {
        return connected;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    /** The TCP connection itself failed: the handler never became active. */
    void tcpConnectFailed(Throwable cause) {
        connected.completeExceptionally(new MqttClientException(
                "cannot connect " + options.clientId() + ": " + cause.getMessage(), cause));
        closed.complete(null);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.writeAndFlush(connect(options)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        connAckTimeout = ctx.executor().schedule(() -> {
            closeReason = "no CONNACK within " + options.connectTimeout().toMillis() + " ms";
            ctx.close();
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connAckTimeout != null) {
            connAckTimeout.cancel(false);
        }
        MqttClientException cause = disconnecting
                ? new MqttClientException(options.clientId() + " disconnected")
                : new ConnectionLostException(options.clientId() + ": " + closeReason);
        connected.completeExceptionally(cause);
        window.failAll(cause);
        subscriptions.values().forEach(subscription -> subscription.completeExceptionally(cause));
        subscriptions.clear();
        if (disconnecting) {
            closed.complete(null);
        } else {
            closed.completeExceptionally(cause);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", options.clientId(), cause.toString());
        closeReason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(fixedHeaderOnly(MqttMessageType.PINGREQ));
            } else if (idle.state() == IdleState.READER_IDLE) {
                closeReason = "keep alive timeout: nothing from the broker";
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            closeReason = "malformed packet from the broker: " + message.decoderResult().cause();
            ctx.close();
            return;
        }
        switch (message.fixedHeader().messageType()) {
            case CONNACK -> connAck((MqttConnAckMessage) message);
            case PUBLISH -> received((MqttPublishMessage) message);
            case PUBACK -> acknowledged(packetId(message), reasonCode(message));
            case PUBREC -> publishReceived(packetId(message), reasonCode(message));
            case PUBREL -> publishReleased(packetId(message));
            case PUBCOMP -> acknowledged(packetId(message), reasonCode(message));
            case SUBACK -> subAck((MqttSubAckMessage) message);
            case PINGRESP, UNSUBACK -> { }
            case DISCONNECT -> {
                closeReason = "DISCONNECT from the broker, reason " + hex(disconnectReason(message));
                ctx.close();
            }
            default -> {
                closeReason = "unexpected " + message.fixedHeader().messageType() + " from the broker";
                ctx.close();
            }
        }
    }

    void publish(String topic, byte[] payload, int qos, boolean retain, Map<String, String> userProperties,
                 CompletableFuture<Void> done) {
        if (!isReady()) {
            done.completeExceptionally(notConnected());
            return;
        }
        OutgoingPublish publish = new OutgoingPublish(topic, payload, MqttQoS.valueOf(qos), retain, userProperties,
                done);
        if (publish.qos() == MqttQoS.AT_MOST_ONCE) {
            ctx.writeAndFlush(publishMessage(publish, 0)).addListener(write -> {
                if (write.isSuccess()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new ConnectionLostException("write failed", write.cause()));
                }
            });
        } else if (window.admit(publish)) {
            send(publish);
        }
    }

    void subscribe(String filter, int qos, CompletableFuture<Integer> granted) {
        if (!isReady()) {
            granted.completeExceptionally(notConnected());
            return;
        }
        int packetId = nextPacketId();
        subscriptions.put(packetId, granted);
        ctx.writeAndFlush(MqttMessageBuilders.subscribe()
                        .messageId(packetId)
                        .addSubscription(MqttQoS.valueOf(qos), filter)
                        .build())
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    void disconnect() {
        disconnecting = true;
        if (ctx == null || !ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(fixedHeaderOnly(MqttMessageType.DISCONNECT)).addListener(ChannelFutureListener.CLOSE);
    }

    private boolean isReady() {
        return ctx != null && ctx.channel().isActive() && connected.isDone() && !connected.isCompletedExceptionally()
                && !disconnecting;
    }

    private MqttClientException notConnected() {
        return new ConnectionLostException(options.clientId() + " is not connected");
    }

    private void connAck(MqttConnAckMessage connAck) {
        connAckTimeout.cancel(false);
        MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            disconnecting = true;
            connected.completeExceptionally(new MqttClientException(
                    "CONNECT of " + options.clientId() + " refused: " + code + " (" + hex(code.byteValue()) + ")"));
            ctx.close();
            return;
        }
        MqttProperties.MqttProperty<?> receiveMaximum =
                connAck.variableHeader().properties().getProperty(MqttProperties.RECEIVE_MAXIMUM);
        if (receiveMaximum instanceof MqttProperties.IntegerProperty announced && announced.value() > 0) {
            window.limitTo(announced.value());
        }
        connected.complete(null);
    }

    private void received(MqttPublishMessage publish) {
        MqttFixedHeader header = publish.fixedHeader();
        int qos = header.qosLevel().value();
        int packetId = publish.variableHeader().packetId();
        ReceivedMessage message = new ReceivedMessage(publish.variableHeader().topicName(),
                ByteBufUtil.getBytes(publish.payload()), qos, header.isRetain(), header.isDup(), System.nanoTime());
        if (qos == 0) {
            deliver(message);
        } else if (qos == 1) {
            deliver(message);
            ctx.writeAndFlush(pubReply(MqttMessageType.PUBACK, packetId, MqttQoS.AT_MOST_ONCE));
        } else {
            // QoS 2 "exactly once": deliver on the first PUBLISH; a resent one (same id before PUBREL) is not new
            if (receivedQos2.add(packetId)) {
                deliver(message);
            }
            ctx.writeAndFlush(pubReply(MqttMessageType.PUBREC, packetId, MqttQoS.AT_MOST_ONCE));
        }
    }

    private void deliver(ReceivedMessage message) {
        try {
            onMessage.accept(message);
        } catch (RuntimeException e) {
            log.warn("{}: message handler failed on {}", options.clientId(), message.topic(), e);
        }
    }

    private void publishReleased(int packetId) {
        receivedQos2.remove(packetId);
        ctx.writeAndFlush(pubReply(MqttMessageType.PUBCOMP, packetId, MqttQoS.AT_MOST_ONCE));
    }

    private void publishReceived(int packetId, int reasonCode) {
        if (window.inflight(packetId) == null) {
            return;
        }
        if (reasonCode >= FIRST_FAILURE_REASON) {
            acknowledged(packetId, reasonCode);
            return;
        }
        ctx.writeAndFlush(pubReply(MqttMessageType.PUBREL, packetId, MqttQoS.AT_LEAST_ONCE));
    }

    /** PUBACK (QoS 1) or PUBCOMP (QoS 2), or a refusing PUBREC: the packet id is free again. */
    private void acknowledged(int packetId, int reasonCode) {
        OutgoingPublish publish = window.release(packetId);
        if (publish == null) {
            return;
        }
        if (reasonCode >= FIRST_FAILURE_REASON) {
            publish.done().completeExceptionally(new MqttClientException(
                    "PUBLISH to " + publish.topic() + " refused, reason " + hex(reasonCode)));
        } else {
            publish.done().complete(null);
        }
        for (OutgoingPublish next = window.nextWaiting(); next != null; next = window.nextWaiting()) {
            send(next);
        }
    }

    private void subAck(MqttSubAckMessage subAck) {
        CompletableFuture<Integer> granted = subscriptions.remove(subAck.variableHeader().messageId());
        if (granted == null) {
            return;
        }
        int code = subAck.payload().reasonCodes().get(0);
        if (code >= FIRST_FAILURE_REASON) {
            granted.completeExceptionally(new MqttClientException("SUBSCRIBE refused, reason " + hex(code)));
        } else {
            granted.complete(code);
        }
    }

    private void send(OutgoingPublish publish) {
        int packetId = nextPacketId();
        window.sent(packetId, publish);
        ctx.writeAndFlush(publishMessage(publish, packetId)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private int nextPacketId() {
        while (window.uses(nextPacketId) || subscriptions.containsKey(nextPacketId)) {
            advancePacketId();
        }
        int packetId = nextPacketId;
        advancePacketId();
        return packetId;
    }

    private void advancePacketId() {
        nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
    }
}
