package dev.reddot.broker.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;

/**
 * Reddot's handlers on every MQTT connection, between Netty's MQTT codec and Moquette's handler. Inbound packets
 * pass them in this order, outbound packets from Moquette in the reverse one:
 * <ol>
 *   <li>{@link LostConnections}: a vanished client is logged as such, not as an error;</li>
 *   <li>{@link TopicAliases}: resolves topic aliases, so that every later step sees the real topic;</li>
 *   <li>{@link ProtocolGuard}: refuses what a client must not send;</li>
 *   <li>{@link UnknownPubrel}: answers a PUBREL the broker has no publish for;</li>
 *   <li>{@link ConnectGate}: holds packets sent before Moquette has finished the CONNECT;</li>
 *   <li>{@link ClientIdNamespaces}: puts a client id into the namespace of the token's principal;</li>
 *   <li>{@link InflightResend}: resends what an MQTT 3.1.1 session left unacknowledged as soon as it is back;</li>
 *   <li>{@link AccessRefusals}: refuses what the client's token does not allow, with the right reason codes;</li>
 *   <li>{@link ReservedProperties}: removes Reddot's own user properties from what a non-admin publishes;</li>
 *   <li>{@link SessionExpiryCap}: lowers a Session Expiry Interval beyond the maximum, and says so in CONNACK;</li>
 *   <li>{@link PersistentSessionQuota}: refuses a persistent session beyond its subject's cap;</li>
 *   <li>{@link CleanStartSessions}: a new session that outlives the connection for MQTT 5 Clean Start 1 with an
 *       expiry;</li>
 *   <li>{@link DisconnectExpiry}: the Session Expiry Interval of a DISCONNECT;</li>
 *   <li>{@link ReceiveMaximum}: ends a connection with more unacknowledged QoS 1/2 PUBLISH than it was allowed;</li>
 *   <li>{@link SubscriptionQuota}: refuses subscriptions beyond a client's cap;</li>
 *   <li>{@link PublishBudget}: stops reading a device or user while it publishes beyond its budget;</li>
 *   <li>{@link RetainedTopicQuota}: refuses a retained message on one more topic than a device may hold;</li>
 *   <li>{@link PublishBackpressure}: stops reading a device or user while the broker is behind;</li>
 *   <li>{@link ConnackProperties}: makes CONNACK tell the truth;</li>
 *   <li>{@link OutgoingPacketSize}: keeps packets above the client's Maximum Packet Size from it;</li>
 *   <li>{@link SubscriptionIdentifiers}: every matching subscription's identifier on a message;</li>
 *   <li>{@link RetainedAtQos0}: keeps retained messages published at QoS 0.</li>
 * </ol>
 * {@link TrafficMeter}, next to the codec (in front of all of them), counts the connections and what is written to
 * them.
 */
public final class ReddotPipeline {

    private ReddotPipeline() {
    }

    /**
     * How much a connection may have waiting to be written before Moquette sees it as unwritable and discards QoS 0
     * messages to it. Netty's default, 64 KiB, made Moquette discard most of a burst to a subscriber that reads as
     * fast as it can; a subscriber 4 MiB behind is really lagging.
     */
    private static final WriteBufferWaterMark WRITE_BUFFER = new WriteBufferWaterMark(1 << 20, 4 << 20);

    /** Adds Reddot's handlers right after {@code ctx}'s handler (and {@link WebSocketOrigins} before the upgrade). */
    public static void installAfter(ChannelHandlerContext ctx) {
        WebSocketOrigins.installIn(ctx.pipeline());
        ctx.channel().config().setWriteBufferWaterMark(WRITE_BUFFER);
        ctx.pipeline()
                .addAfter(ctx.name(), "reddotLostConnections", new LostConnections())
                .addAfter("reddotLostConnections", "reddotTopicAliases", new TopicAliases())
                .addAfter("reddotTopicAliases", "reddotProtocolGuard", new ProtocolGuard())
                .addAfter("reddotProtocolGuard", "reddotUnknownPubrel", new UnknownPubrel())
                .addAfter("reddotUnknownPubrel", "reddotConnectGate", new ConnectGate())
                .addAfter("reddotConnectGate", "reddotClientIdNamespaces", new ClientIdNamespaces())
                .addAfter("reddotClientIdNamespaces", "reddotInflightResend", new InflightResend())
                .addAfter("reddotInflightResend", "reddotAccessRefusals", new AccessRefusals())
                .addAfter("reddotAccessRefusals", "reddotReservedProperties", new ReservedProperties())
                .addAfter("reddotReservedProperties", "reddotSessionExpiryCap", new SessionExpiryCap())
                .addAfter("reddotSessionExpiryCap", "reddotPersistentSessionQuota", new PersistentSessionQuota())
                .addAfter("reddotPersistentSessionQuota", "reddotCleanStartSessions", new CleanStartSessions())
                .addAfter("reddotCleanStartSessions", "reddotDisconnectExpiry", new DisconnectExpiry())
                .addAfter("reddotDisconnectExpiry", "reddotReceiveMaximum", new ReceiveMaximum())
                .addAfter("reddotReceiveMaximum", "reddotSubscriptionQuota", new SubscriptionQuota())
                .addAfter("reddotSubscriptionQuota", "reddotPublishBudget", new PublishBudget())
                .addAfter("reddotPublishBudget", "reddotRetainedTopicQuota", new RetainedTopicQuota())
                .addAfter("reddotRetainedTopicQuota", "reddotPublishBackpressure", new PublishBackpressure())
                .addAfter("reddotPublishBackpressure", "reddotConnackProperties", new ConnackProperties())
                .addAfter("reddotConnackProperties", "reddotOutgoingPacketSize", new OutgoingPacketSize())
                .addAfter("reddotOutgoingPacketSize", "reddotSubscriptionIdentifiers", new SubscriptionIdentifiers())
                .addAfter("reddotSubscriptionIdentifiers", "reddotRetainedAtQos0", new RetainedAtQos0())
                .addAfter("reddotRetainedAtQos0", "reddotRetainedBeforeRouting", new RetainedBeforeRouting());
        ctx.pipeline().addAfter(ctx.name(), "reddotTrafficMeter", new TrafficMeter());
    }
}
