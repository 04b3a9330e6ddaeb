package dev.reddot.broker.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Markdown table of the run: behaviour × broker, with a note per row. */
final class ConformanceTable {

    private ConformanceTable() {
    }

    static String markdown(List<String> brokers, List<ConformanceRow> rows, ReferenceComparison comparison,
                           Map<String, Duration> durations) {
        StringBuilder table = new StringBuilder("| behaviour | ").append(String.join(" | ", brokers)).append(" | note |\n")
                .append("| --- |").append(" --- |".repeat(brokers.size())).append(" --- |\n");
        for (ConformanceRow row : rows) {
            table.append("| ").append(row.behaviour()).append(" | ");
            brokers.forEach(broker -> table.append(row.on(broker)).append(" | "));
            table.append(comparison.note(row).replace("|", "\\|")).append(" |\n");
        }
        table.append('\n');
        for (String broker : brokers) {
            long passed = rows.stream().filter(row -> row.on(broker).passed()).count();
            long applicable = rows.stream().filter(row -> row.on(broker).applicable()).count();
            table.append("- ").append(broker).append(": ").append(passed).append(" of ").append(applicable)
                    .append(" applicable rows passed, checks took ").append(durations.get(broker).toMillis()).append(" ms\n");
        }
        return table.toString();
    }
}
