package dev.reddot.broker.pipeline;

import io.netty.channel.ChannelHandlerContext;

/**
 * Reddot's handlers on every MQTT connection, between Netty's MQTT codec and Moquette's handler. Inbound packets
 * pass them in this order, outbound packets from Moquette in the reverse one:
 * <ol>
 *   <li>{@link TopicAliases}: resolves topic aliases, so that every later step sees the real topic;</li>
 *   <li>{@link ProtocolGuard}: refuses what a client must not send;</li>
 *   <li>{@link UnknownPubrel}: answers a PUBREL the broker has no publish for;</li>
 *   <li>{@link ConnectGate}: holds packets sent before Moquette has finished the CONNECT;</li>
 *   <li>{@link ConnackProperties}: makes CONNACK tell the truth;</li>
 *   <li>{@link OutgoingPacketSize}: keeps packets above the client's Maximum Packet Size from it;</li>
 *   <li>{@link RetainedAtQos0}: keeps retained messages published at QoS 0.</li>
 * </ol>
 */
public final class ReddotPipeline {

    private ReddotPipeline() {
    }

    /** Adds Reddot's handlers right after {@code ctx}'s handler. */
    public static void installAfter(ChannelHandlerContext ctx) {
        ctx.pipeline()
                .addAfter(ctx.name(), "reddotTopicAliases", new TopicAliases())
                .addAfter("reddotTopicAliases", "reddotProtocolGuard", new ProtocolGuard())
                .addAfter("reddotProtocolGuard", "reddotUnknownPubrel", new UnknownPubrel())
                .addAfter("reddotUnknownPubrel", "reddotConnectGate", new ConnectGate())
                .addAfter("reddotConnectGate", "reddotConnackProperties", new ConnackProperties())
                .addAfter("reddotConnackProperties", "reddotOutgoingPacketSize", new OutgoingPacketSize())
                .addAfter("reddotOutgoingPacketSize", "reddotRetainedAtQos0", new RetainedAtQos0());
    }
}
