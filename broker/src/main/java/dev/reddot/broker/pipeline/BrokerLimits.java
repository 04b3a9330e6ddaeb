package dev.reddot.broker.pipeline;

/** Limits of Reddot's broker that both Moquette's configuration and Reddot's handlers need. */
public final class BrokerLimits {

    /** The largest MQTT packet a client may send, in bytes: 256 KiB, the limit Mosquitto announces. */
    public static final int MAXIMUM_PACKET_SIZE = 262_144;

    /** How many topic aliases a client may set per connection (announced in CONNACK). */
    public static final int TOPIC_ALIAS_MAXIMUM = 10;

    private BrokerLimits() {
    }
}
