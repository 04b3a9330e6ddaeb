package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.reddot.simulator.report.Percentiles;
import dev.reddot.simulator.report.Report;

/**
 * What {@code bench sse} measured.
 *
 * @param connected  streams that answered 200 and sent the user's current count
 * @param events     changes that arrived on their stream after the PUT
 * @param latency    from sending the PUT to receiving the change on the stream
 * @param gateway    the gateway's memory, when its pid was given
 */
record SseFigures(String gatewayUrl, int users, int connected, int failed, long putFailures, long events,
                  Duration connectTime, Percentiles latency, Optional<MemoryFigures> gateway) {

    long missing() {
        return connected - events;
    }

    Report report() {
        Report report = Report.titled(String.format(Locale.ROOT,
                        "bench sse: %s, %d users, one count change each through the publisher API", gatewayUrl, users))
                .row("connected", connected, "SSE streams (200 and the current count received)")
                .row("failed", failed, "SSE streams")
                .row("connect-time", connectTime.toNanos() / 1e9, "s")
                .row("put-failures", putFailures, "requests")
                .row("events", events, "changes received on their stream")
                .row("missing", missing(), "changes never received")
                .row("latency-p50", latency.p50Millis(), "ms (PUT sent to event received)")
                .row("latency-p99", latency.p99Millis(), "ms")
                .row("latency-max", latency.maxMillis(), "ms");
        gateway.ifPresent(memory -> memory.addTo(report, "gateway"));
        return report;
    }
}
