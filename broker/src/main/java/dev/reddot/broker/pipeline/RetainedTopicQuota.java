package dev.reddot.broker.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.reddot.protocol.Topics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the topics of a device that hold a retained message ({@code retained-topics-per-device}): Moquette 0.18.3 keeps
 * a retained message on every topic anyone publishes one to, for good, so one device token could grow the broker's
 * store, and the scan every new subscription makes of it, without end. A retained PUBLISH with a payload to a topic
 * of a device that already holds the cap is refused before Moquette sees it: MQTT 5 PUBACK or PUBREC 0x97 Quota
 * exceeded, at QoS 0 dropped; MQTT 3.1.1, without reason codes, as any refused PUBLISH ({@link Packets#refusePublish}).
 * Updating a kept topic and clearing one (an empty payload, which frees its place at once) always pass. The count is
 * the store's ({@link RetainedTopics}). {@code admin} tokens and open mode (no token) are not capped.
 */
final class RetainedTopicQuota extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedTopicQuota.class);

    private ConnectingClient client;
    /** The broker's count; null for a connection that is not capped. */
    private RetainedTopics topics;
    /** The devices this connection took places of (one, for a device token). */
    private final Set<String> devices = new HashSet<>(2);
    /** Packet id of a QoS 1 or 2 retained PUBLISH passed to Moquette → its topic, until Moquette answers it. */
    private final Map<Integer, String> unanswered = new HashMap<>();
    private long refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess() && client == null) {
            client = ConnectingClient.of(connect);
            if (client.token().isPresent() && !client.isService()) {
                topics = QuotasOfConnection.of(ctx).retainedTopics();
            }
        } else if (topics != null && msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()
                && publish.fixedHeader().isRetain() && !admitted(ctx, publish)) {
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean admitted(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        Optional<String> device = Topics.deviceIdOf(topic);
        if (device.isEmpty()) {
            return true;
        }
        MqttQoS qos = publish.fixedHeader().qosLevel();
        int packetId = publish.variableHeader().packetId();
        boolean clears = !publish.payload().isReadable();
        if (clears) {
            topics.clearing(device.get(), topic, this);
        }
        if (clears || topics.admit(device.get(), topic, this)) {
            devices.add(device.get());
            if (qos != MqttQoS.AT_MOST_ONCE) {
                unanswered.put(packetId, topic);
            }
            return true;
        }
        ReferenceCountUtil.release(publish);
        if (refused++ == 0) {
            LOG.info("{}: device {} holds retained messages on {} topics, the most a device may; retained QoS {} "
                            + "PUBLISH to {} refused (further refusals of this connection at DEBUG)",
                    ctx.channel().remoteAddress(), device.get(), topics.count(device.get()), qos.value(), topic);
        } else {
            LOG.debug("{}: device {} may not retain a message on one more topic; {} refused", ctx.channel()
                    .remoteAddress(), device.get(), topic);
        }
        Packets.refusePublish(ctx, client.mqtt5(), qos, packetId, MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue());
        return false;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!unanswered.isEmpty() && msg instanceof MqttMessage packet
                && (packet.fixedHeader().messageType() == MqttMessageType.PUBACK
                        || packet.fixedHeader().messageType() == MqttMessageType.PUBREC)) {
            String topic = unanswered.remove(Packets.packetId(packet));
            if (topic != null && packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                    && (reply.reasonCode() & 0x80) != 0) {
                // Moquette refused it (an invalid payload format, say): the store will not get the topic
                Topics.deviceIdOf(topic).ifPresent(device -> topics.refusedByBroker(device, topic, this));
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (topics != null) {
            topics.connectionEnded(devices, this);
            if (refused > 1) {
                LOG.info("{}: {} retained PUBLISH of device {} refused on this connection, which has ended",
                        ctx.channel().remoteAddress(), refused, client.subject());
            }
        }
        ctx.fireChannelInactive();
    }
}
