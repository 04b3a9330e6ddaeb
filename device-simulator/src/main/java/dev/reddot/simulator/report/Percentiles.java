package dev.reddot.simulator.report;

import java.util.Arrays;

/**
 * Latency figures in milliseconds, by the nearest-rank method (p99 of 100 samples is the 99th smallest).
 * NaN when there were no samples.
 */
public record Percentiles(int count, double p50Millis, double p99Millis, double maxMillis, double meanMillis) {

    public static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        return new Percentiles(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]), mean / 1e6);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
