package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.Locale;

import dev.reddot.simulator.report.Report;

/**
 * What {@code bench throughput} measured.
 *
 * @param sent       publishes completed by the publishers (written at QoS 0, acknowledged at QoS 1/2)
 * @param expected   deliveries if nothing is lost: every publish to every subscriber
 * @param received   distinct deliveries, over all subscribers
 * @param duplicates deliveries of a message a subscriber already had
 * @param elapsed    from the first publish to the last delivery
 */
record ThroughputFigures(String target, int qos, int publishers, int subscribers, int messagesPerPublisher,
                         int payloadBytes, long sent, long publishFailures, long expected, long received,
                         long duplicates, Duration publishTime, Duration elapsed) {

    long lost() {
        return expected - received;
    }

    /** Deliveries per second, end to end: what the subscribers together received. */
    double throughput() {
        return received / seconds(elapsed);
    }

    double publishRate() {
        return sent / seconds(publishTime);
    }

    Report report() {
        return Report.titled(String.format(Locale.ROOT,
                        "bench throughput: %s, QoS %d, %d publishers × %d messages of %d bytes → %d subscribers",
                        target, qos, publishers, messagesPerPublisher, payloadBytes, subscribers))
                .row("sent", sent, "messages")
                .row("publish-failures", publishFailures, "messages")
                .row("expected", expected, "deliveries (sent × subscribers)")
                .row("received", received, "deliveries")
                .row("lost", lost(), "deliveries")
                .row("duplicates", duplicates, "deliveries")
                .row("publish-rate", publishRate(), "msg/s")
                .row("elapsed", seconds(elapsed), "s (first publish to last delivery)")
                .row("throughput", throughput(), "deliveries/s end to end");
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toNanos(), 1) / 1e9;
    }
}
