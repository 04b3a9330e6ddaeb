package dev.reddot.protocol;

/**
 * Micrometer names of the meters that one module registers and another reads (the gateway's {@code /admin/summary}
 * reads the broker's and the publisher's from the process's registry, without depending on their code). Micrometer's
 * dotted names; Prometheus shows {@code reddot.broker.connections} as {@code reddot_broker_connections} and a counter
 * with {@code _total}.
 */
public final class MeterNames {

    /** MQTT clients connected to the broker, all listeners. */
    public static final String BROKER_CONNECTIONS = "reddot.broker.connections";
    /** MQTT connections open per listener, tag {@link #LISTENER}. */
    public static final String BROKER_LISTENER_CONNECTIONS = "reddot.broker.listener.connections";
    /** PUBLISH packets the broker received from clients. */
    public static final String BROKER_MESSAGES_RECEIVED = "reddot.broker.messages.received";
    /** PUBLISH packets the broker sent to clients, tag {@link #LISTENER}. */
    public static final String BROKER_MESSAGES_SENT = "reddot.broker.messages.sent";
    public static final String BROKER_CONNECTS = "reddot.broker.connects";
    public static final String BROKER_DISCONNECTS = "reddot.broker.disconnects";
    /** Sessions the broker keeps, connected or not. */
    public static final String BROKER_SESSIONS = "reddot.broker.sessions";
    /** Retained messages the broker keeps. */
    public static final String BROKER_RETAINED_MESSAGES = "reddot.broker.retained.messages";

    /** The tag of the broker's per-listener meters, with the values below. */
    public static final String LISTENER = "listener";
    public static final String LISTENER_TCP = "tcp";
    public static final String LISTENER_WEBSOCKET = "websocket";

    public static final String PUBLISHER_COUNTS_PUBLISHED = "reddot.publisher.counts.published";
    public static final String PUBLISHER_NOTIFICATIONS = "reddot.publisher.notifications";
    public static final String PUBLISHER_OUTBOX_BACKLOG = "reddot.publisher.outbox.backlog";

    /** Open browser connections per transport, tag {@code transport}. */
    public static final String GATEWAY_CONNECTIONS = "reddot.gateway.connections";
    public static final String GATEWAY_COUNTS_RECEIVED = "reddot.gateway.counts.received";
    public static final String GATEWAY_COUNTS_DELIVERED = "reddot.gateway.counts.delivered";
    /** From a count's {@code ts} to the gateway receiving it. */
    public static final String GATEWAY_DELIVERY_LATENCY = "reddot.gateway.delivery.latency";

    private MeterNames() {
    }
}
