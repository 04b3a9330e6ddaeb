package dev.reddot.gateway.dashboard;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import org.springframework.stereotype.Component;

import dev.reddot.protocol.MeterNames;

/**
 * The meters of the process's shared registry, read by name ({@link MeterNames}): the broker's and the publisher's
 * are there when they run in this process (the all-in-one), absent when the gateway runs alone. The gateway thus
 * knows nothing of their code.
 */
@Component
class PlatformReadings {

    private final MeterRegistry registry;

    PlatformReadings(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Whether a meter of this name is registered: whether the part that registers it runs here. */
    boolean present(String name) {
        return registry.find(name).meter() != null;
    }

    /** A gauge's value, as an integer; empty without such a gauge. */
    Optional<Long> gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? Optional.empty() : Optional.of(Math.round(gauge.value()));
    }

    /** The sum of the counters of this name and tags, over any other tags; 0 without one. */
    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The 50th and 99th percentiles of a timer that publishes them, in milliseconds, and its count. */
    DashboardSummary.Latency latency(String name) {
        Timer timer = registry.find(name).timer();
        if (timer == null) {
            return new DashboardSummary.Latency(null, null, 0);
        }
        var snapshot = timer.takeSnapshot();
        Double p50 = null;
        Double p99 = null;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            double millis = Math.round(value.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
            if (value.percentile() == 0.5) {
                p50 = millis;
            } else if (value.percentile() == 0.99) {
                p99 = millis;
            }
        }
        // before the first live count a percentile is 0: say "none" rather than "instant"
        return snapshot.count() == 0 ? new DashboardSummary.Latency(null, null, 0)
                : new DashboardSummary.Latency(p50, p99, snapshot.count());
    }

    long monotonicNanos() {
        return registry.config().clock().monotonicTime();
    }

    long wallMillis() {
        return registry.config().clock().wallTime();
    }
}
