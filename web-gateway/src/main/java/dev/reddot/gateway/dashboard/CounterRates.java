package dev.reddot.gateway.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-second rates of counters, from the totals read at each call against those read about {@link #WINDOW_NANOS}
 * earlier: shared by every dashboard that polls, so two open pages do not halve each other's rates. Keeps a sample at
 * most every 200 ms, hence a handful, however often it is asked.
 */
final class CounterRates {

    private static final long WINDOW_NANOS = 3_000_000_000L;
    private static final long SPACING_NANOS = 200_000_000L;

    private record Sample(long nanos, Map<String, Double> totals) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** The rate of each of {@code totals} (0 at the first call, and for a counter that went back, a restart). */
    synchronized Map<String, Double> perSecond(Map<String, Double> totals, long nanos) {
        while (samples.size() > 1 && nanos - secondOldest().nanos() >= WINDOW_NANOS) {
            samples.removeFirst();
        }
        if (!samples.isEmpty() && nanos - samples.peekLast().nanos() > 2 * WINDOW_NANOS) {
            // nobody asked for a while: an average over that long would pass for a current rate
            samples.clear();
        }
        Sample baseline = samples.peekFirst();
        if (samples.isEmpty() || nanos - samples.peekLast().nanos() >= SPACING_NANOS) {
            samples.addLast(new Sample(nanos, Map.copyOf(totals)));
        }
        Map<String, Double> rates = new HashMap<>();
        totals.forEach((name, total) -> {
            Double before = baseline == null ? null : baseline.totals().get(name);
            double seconds = baseline == null ? 0 : (nanos - baseline.nanos()) / 1e9;
            rates.put(name, before == null || seconds <= 0 || total < before ? 0.0 : (total - before) / seconds);
        });
        return rates;
    }

    private Sample secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
