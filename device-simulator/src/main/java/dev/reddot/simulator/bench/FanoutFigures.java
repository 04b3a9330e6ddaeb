package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.Locale;

import dev.reddot.simulator.report.Percentiles;
import dev.reddot.simulator.report.Report;

/**
 * What {@code bench fanout} measured.
 *
 * @param delivered  distinct (user, round) deliveries
 * @param elapsed    the rounds only, each from its first publish to its last delivery
 * @param latency    from the publisher's send to the subscriber's receipt, per delivery
 */
record FanoutFigures(String target, int users, int rounds, int qos, long expected, long delivered, long duplicates,
                     long publishFailures, Duration connectTime, Duration elapsed, Percentiles latency) {

    long lost() {
        return expected - delivered;
    }

    double deliveriesPerSecond() {
        return delivered / (Math.max(elapsed.toNanos(), 1) / 1e9);
    }

    Report report() {
        return Report.titled(String.format(Locale.ROOT,
                        "bench fanout: %s, %d users × %d rounds, QoS %d, retained /message/<user>",
                        target, users, rounds, qos))
                .row("connect-time", connectTime.toMillis() / 1000.0, "s (all subscribers connected and subscribed)")
                .row("expected", expected, "deliveries (users × rounds)")
                .row("delivered", delivered, "deliveries")
                .row("lost", lost(), "deliveries")
                .row("duplicates", duplicates, "deliveries")
                .row("publish-failures", publishFailures, "messages")
                .row("elapsed", elapsed.toNanos() / 1e9, "s (sum of the rounds)")
                .row("deliveries-per-second", deliveriesPerSecond(), "deliveries/s")
                .row("latency-p50", latency.p50Millis(), "ms")
                .row("latency-p99", latency.p99Millis(), "ms")
                .row("latency-max", latency.maxMillis(), "ms");
    }
}
