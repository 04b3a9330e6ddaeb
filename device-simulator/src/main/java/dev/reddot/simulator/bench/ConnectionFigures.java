package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.reddot.simulator.report.Report;

/**
 * What {@code bench connections} measured.
 *
 * @param dropped      connected, then closed by the broker during the hold
 * @param broker       the broker's memory, when its pid was given
 * @param simulatorKib this process's RSS growth for the connections: the client side's cost
 */
record ConnectionFigures(String target, int requested, int connected, int failed, long dropped,
                         int sourceAddresses, Duration connectTime, Duration hold, Optional<MemoryFigures> broker,
                         Optional<MemoryFigures> simulator) {

    double connectsPerSecond() {
        return connected / (Math.max(connectTime.toNanos(), 1) / 1e9);
    }

    Report report() {
        Report report = Report.titled(String.format(Locale.ROOT, "bench connections: %s, %d idle connections held %s s",
                        target, requested, Report.number(hold.toMillis() / 1000.0)))
                .row("connected", connected, "connections")
                .row("failed", failed, "connections")
                .row("dropped", dropped, "connections (closed by the broker during the hold)")
                .row("source-addresses", sourceAddresses, "source addresses used (127.0.0.x)")
                .row("connect-time", connectTime.toNanos() / 1e9, "s")
                .row("connect-rate", connectsPerSecond(), "connections/s");
        broker.ifPresent(memory -> memory.addTo(report, "broker"));
        simulator.ifPresent(memory -> memory.addTo(report, "simulator"));
        return report;
    }
}
