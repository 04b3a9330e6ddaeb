package dev.reddot.gateway.dashboard;

import java.util.Map;

/**
 * The body of {@code /admin/summary}. A part that does not run in this process (the gateway alone has no broker and
 * no publisher) is {@code null}, and {@code parts} says so.
 *
 * @param at          when it was read, epoch milliseconds
 * @param parts       broker, publisher, gateway, database: {@link #HERE} or {@link #ELSEWHERE}
 * @param health      each part's health status ({@code UP}, {@code DOWN}…), {@code null} when not in this process
 * @param connections open connections by kind: {@code mqtt-tcp} and {@code mqtt-websocket} (the broker's listeners,
 *                    {@code null} without a broker), and the gateway's {@code sse}, {@code long-poll}, {@code ws},
 *                    {@code iframe}
 */
record DashboardSummary(long at, Map<String, String> parts, Map<String, String> health,
                        Map<String, Integer> connections, Broker broker, Publisher publisher, Gateway gateway) {

    static final String HERE = "in this process";
    static final String ELSEWHERE = "not in this process";

    /** A counter: its total since the process started and its rate over the last seconds. */
    record Traffic(long total, double perSecond) {
    }

    /**
     * @param messagesIn  PUBLISH packets received from clients
     * @param messagesOut PUBLISH packets sent to clients
     */
    record Broker(int connections, int sessions, int retainedMessages, Traffic messagesIn, Traffic messagesOut) {
    }

    /** @param outboxBacklog counts written but not yet acknowledged by the broker */
    record Publisher(Traffic countsPublished, Traffic notifications, long outboxBacklog) {
    }

    /** @param deliveryLatency publish {@code ts} to the gateway, over the last two minutes */
    record Gateway(Traffic countsReceived, Traffic countsDelivered, Latency deliveryLatency) {
    }

    /** Milliseconds; {@code null} percentiles before the first live count. */
    record Latency(Double p50, Double p99, long count) {
    }
}
