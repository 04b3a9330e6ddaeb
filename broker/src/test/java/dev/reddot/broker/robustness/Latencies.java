package dev.reddot.broker.robustness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The PUBACK latencies of one phase, in nanoseconds; a publish that got no PUBACK counts as slower than any other.
 *
 * @param sorted   the latencies of the acknowledged publishes, ascending
 * @param failed   publishes that got no PUBACK (refused, timed out, or still unacknowledged at the end)
 */
record Latencies(List<Long> sorted, int failed) {

    static Latencies of(Collection<Long> nanos, int failed) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return new Latencies(List.copyOf(sorted), failed);
    }

    int count() {
        return sorted.size() + failed;
    }

    /** The {@code quantile} (0..1) in milliseconds; infinite when it falls on a failed publish. */
    double percentileMillis(double quantile) {
        if (count() == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * count()) - 1;
        return index >= sorted.size() ? Double.POSITIVE_INFINITY : sorted.get(Math.max(index, 0)) / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d publishes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d without PUBACK",
                count(), percentileMillis(0.50), percentileMillis(0.99), percentileMillis(1.0), failed);
    }
}
