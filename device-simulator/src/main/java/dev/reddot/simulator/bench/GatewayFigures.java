package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.Locale;

import dev.reddot.simulator.report.Percentiles;
import dev.reddot.simulator.report.Report;

/**
 * What {@code bench gateway} measured.
 *
 * @param connected  streams that answered 200 and sent the user's current count
 * @param published  measured changes published (warm-up not included)
 * @param superseded changes never written to their stream because a newer one for the user replaced them first
 * @param lost       streams that did not end on their user's latest count
 * @param latency    from handing a measured change to the MQTT client to receiving it on its stream
 */
record GatewayFigures(String gatewayUrl, int users, int connected, Duration connectTime, int rate, double achievedRate,
                      long published, long publishFailures, long superseded, long duplicates, long lost,
                      Percentiles latency) {

    Report report() {
        return Report.titled(String.format(Locale.ROOT,
                        "bench gateway: %s, %d users with an SSE stream, %d changes/s published to the broker",
                        gatewayUrl, users, rate))
                .row("connected", connected, "SSE streams (200 and the current count received)")
                .row("connect-time", connectTime.toNanos() / 1e9, "s")
                .row("published", published, "changes (after the warm-up)")
                .row("rate", achievedRate, "changes/s")
                .row("publish-failures", publishFailures, "publishes not acknowledged")
                .row("events", latency.count(), "measured changes received on their stream")
                .row("superseded", superseded, "changes replaced by a newer one before they were sent")
                .row("duplicates", duplicates, "events not newer than the one before")
                .row("lost", lost, "streams that did not end on the latest count")
                .row("latency-p50", latency.p50Millis(), "ms (publish to event received)")
                .row("latency-p99", latency.p99Millis(), "ms")
                .row("latency-max", latency.maxMillis(), "ms");
    }
}
