package dev.reddot.broker.robustness;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.reddot.broker.robustness.BrokerLogCapture.LogGroup;

/** The run in figures, for the log and for an assertion's message. */
record FuzzReport(long seed, List<Attack> attacks, FuzzCampaign.Budget budget, boolean moquetteAssertions,
                  Duration elapsed, FuzzStatistics.Figures figures, List<String> wellBehaved, List<String> sessionLoops,
                  List<String> deadSessionLoops, List<LogGroup> brokerLog, List<String> findings,
                  Map<String, Duration> phases) {

    private static final int EXAMPLE_LENGTH = 400;

    FuzzReport {
        attacks = List.copyOf(attacks);
        wellBehaved = List.copyOf(wellBehaved);
        sessionLoops = List.copyOf(sessionLoops);
        deadSessionLoops = List.copyOf(deadSessionLoops);
        brokerLog = List.copyOf(brokerLog);
        findings = List.copyOf(findings);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    List<LogGroup> unexpectedLog() {
        return brokerLog.stream().filter(group -> KnownDefects.matching(group).isEmpty()
                && ExpectedLogLines.matching(group).isEmpty()).toList();
    }

    String render() {
        StringBuilder out = new StringBuilder("\n=== MQTT listener fuzz run ===\n");
        out.append(String.format(Locale.ROOT, "seed %d (replay with -Dfuzz.seed=%d), attacks %s%n", seed, seed,
                attacks.size() == Attack.values().length ? "all" : attacks));
        out.append(moquetteAssertions
                ? "Moquette's assert statements are on (-ea, as surefire runs tests); production runs without them\n"
                : "Moquette's assert statements are off, as in production\n");
        out.append(String.format(Locale.ROOT,
                "attacked for %.1f s (budget %d s, %d packets), %d workers, %d sockets at once (most seen %d), "
                        + "at most %d new ones a second%n",
                elapsed.toMillis() / 1000.0, budget.duration().toSeconds(), budget.packets(), budget.workers(),
                budget.connections(), figures.maxConcurrentConnections(), budget.openingsPerSecond()));
        out.append(String.format(Locale.ROOT,
                "connections opened %d (failed to open %d), packets sent %d, bytes sent %.1f MB, bytes received %.1f KB, "
                        + "replies awaited in vain %d%n", figures.connectionsOpened(), figures.connectFailures(),
                figures.packetsSent(), figures.bytesSent() / 1e6, figures.bytesReceived() / 1e3, figures.repliesMissed()));
        table(out, "connections by attack", figures.connectionsByAttack());
        table(out, "packets by attack", figures.packetsByAttack());
        table(out, "packets by kind", figures.packetsByKind());
        table(out, "damage done to packets", figures.mutations());
        table(out, "how connections ended", figures.outcomes());
        table(out, "socket errors (expected where the broker closed first)", figures.socketErrors());
        out.append("well-behaved clients:\n");
        wellBehaved.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("session loops ").append(sessionLoops)
                .append(", dead before the broker stopped: ").append(deadSessionLoops).append('\n');
        out.append(String.format(Locale.ROOT, "broker log at WARN/ERROR: %d lines in %d groups%n",
                brokerLog.stream().mapToLong(LogGroup::count).sum(), brokerLog.size()));
        brokerLog.forEach(group -> logGroup(out, group));
        out.append("known defects (lines seen):\n");
        for (KnownDefects defect : KnownDefects.values()) {
            long lines = brokerLog.stream().filter(group -> KnownDefects.matching(group).filter(defect::equals).isPresent())
                    .mapToLong(LogGroup::count).sum();
            out.append(String.format(Locale.ROOT, "  %-34s %6d  %s%n", defect.name(), lines, defect.why));
        }
        out.append("wall time by phase: ").append(phases.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.1f s", entry.getKey(), entry.getValue().toMillis() / 1000.0))
                .collect(Collectors.joining(", "))).append('\n');
        out.append(findings.isEmpty() ? "findings: none\n" : "FINDINGS:\n");
        findings.forEach(finding -> out.append("  ").append(finding).append('\n'));
        return out.toString();
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts) {
        out.append(title).append(": ").append(counts.isEmpty() ? "none" : counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "))).append('\n');
    }

    private static void logGroup(StringBuilder out, LogGroup group) {
        String verdict = KnownDefects.matching(group).map(defect -> "known defect " + defect.name())
                .or(() -> ExpectedLogLines.matching(group).map(line -> "expected " + line.name()))
                .orElse("UNEXPECTED");
        out.append(String.format(Locale.ROOT, "  [%s] %d x %s %s \"%s\"%s, first after %.1f s on %s%n", verdict,
                group.count(), group.level(), group.logger(), group.pattern(),
                group.cause().isEmpty() ? "" : " (" + group.cause() + ")", group.firstAfter().toMillis() / 1000.0,
                group.thread()));
        String example = group.example();
        String shortened = example.length() > EXAMPLE_LENGTH ? example.substring(0, EXAMPLE_LENGTH) + "…" : example;
        out.append("      e.g. ").append(shortened).append('\n');
        group.stackExcerpt().forEach(frame -> out.append("        ").append(frame).append('\n'));
    }
}
