package dev.reddot.simulator.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the whole fleet did so far; sensors on many event loop threads add to it. */
final class FleetCounters {

    /** A consistent-enough view for progress lines and the summary. */
    record Snapshot(int connected, long sent, long acked, long failed, long pending, long alerts, long errors) {
    }

    private final AtomicInteger connected = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder pending = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void connected() {
        connected.incrementAndGet();
    }

    void disconnected() {
        connected.decrementAndGet();
    }

    void sent(boolean alert) {
        sent.increment();
        pending.increment();
        if (alert) {
            alerts.increment();
        }
    }

    /** The broker acknowledged it (QoS 1/2) or it was written (QoS 0). */
    void acked() {
        acked.increment();
        pending.decrement();
    }

    /** A publish that failed: refused, or its connection ended first. */
    void failed() {
        failed.increment();
        pending.decrement();
        errors.increment();
    }

    /** A failed connect or a lost connection. */
    void error() {
        errors.increment();
    }

    long pending() {
        return pending.sum();
    }

    Snapshot snapshot() {
        return new Snapshot(connected.get(), sent.sum(), acked.sum(), failed.sum(), pending.sum(), alerts.sum(),
                errors.sum());
    }
}
