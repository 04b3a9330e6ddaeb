package dev.reddot.simulator.report;

import java.util.Arrays;

/** Collects latency samples from many threads; one long per sample, so 10⁶ samples cost 8 MB. */
public final class LatencyRecorder {

    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    public synchronized Percentiles percentiles() {
        return Percentiles.of(Arrays.copyOf(samples, size));
    }
}
