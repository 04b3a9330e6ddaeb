package dev.reddot.simulator.bench;

import java.util.Optional;
import java.util.OptionalLong;

import dev.reddot.simulator.report.Report;

/**
 * A server's memory before and after it took on connections.
 *
 * @param pid          the process measured
 * @param beforeKib    RSS before the connections opened
 * @param afterKib     RSS while they are open
 * @param connections  how many were open at the second reading
 */
record MemoryFigures(long pid, long beforeKib, long afterKib, long connections) {

    /** Empty when there is no pid or its memory cannot be read. */
    static Optional<MemoryFigures> measure(Long pid, OptionalLong beforeKib, long connections) {
        if (pid == null || beforeKib.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong after = ProcessMemory.rssKib(pid);
        return after.isEmpty() ? Optional.empty()
                : Optional.of(new MemoryFigures(pid, beforeKib.getAsLong(), after.getAsLong(), connections));
    }

    static OptionalLong before(Long pid) {
        return pid == null ? OptionalLong.empty() : ProcessMemory.rssKib(pid);
    }

    double perConnectionKib() {
        return connections == 0 ? Double.NaN : (afterKib - beforeKib) / (double) connections;
    }

    /** Adds the rows {@code <who>-rss-before}, {@code -after} and {@code -per-connection}. */
    void addTo(Report report, String who) {
        report.row(who + "-rss-before", beforeKib / 1024.0, "MiB (pid " + pid + ")")
                .row(who + "-rss-after", afterKib / 1024.0, "MiB")
                .row(who + "-rss-per-connection", perConnectionKib(), "KiB");
    }
}
