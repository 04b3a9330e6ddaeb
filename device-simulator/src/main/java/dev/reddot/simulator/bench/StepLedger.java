package dev.reddot.simulator.bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.reddot.simulator.report.Percentiles;

/**
 * The PUTs of one step of {@code bench rest}, open loop: PUT {@code k} of the step is due at
 * {@code start + k / rate}, whether or not the earlier ones have been answered, and every latency counts from that
 * due time, so a queue in front of the server shows up in the figures instead of slowing the sender down
 * (coordinated omission). PUT {@code k} goes to user {@code (first + k) mod users} and sets the count
 * {@code base + first + k}: distinct, and increasing for each user, so the event carrying it names the PUT.
 */
final class StepLedger {

    static final int IO_FAILURE = -1;
    static final int TOO_LATE = -2;

    private final double rate;
    private final long first;
    private final long base;
    private final long startNanos;
    private final int size;
    private final AtomicIntegerArray status;
    private final AtomicLongArray ackNanos;
    private final AtomicLongArray eventNanos;

    StepLedger(double rate, int size, long first, long base, long startNanos) {
        this.rate = rate;
        this.size = size;
        this.first = first;
        this.base = base;
        this.startNanos = startNanos;
        this.status = new AtomicIntegerArray(size);
        this.ackNanos = new AtomicLongArray(size);
        this.eventNanos = new AtomicLongArray(size);
    }

    int size() {
        return size;
    }

    double rate() {
        return rate;
    }

    long startNanos() {
        return startNanos;
    }

    long dueNanos(int k) {
        return startNanos + (long) (k * 1e9 / rate);
    }

    long count(int k) {
        return base + first + k;
    }

    <U> U user(int k, List<U> users) {
        return users.get((int) ((first + k) % users.size()));
    }

    /** Acknowledged: 200 with the count event. */
    void answered(int k, long nanos) {
        ackNanos.set(k, nanos);
        status.set(k, 200);
    }

    /** @param reason the HTTP status, {@link #IO_FAILURE} or {@link #TOO_LATE} */

    void failed(int k, int reason) {
        status.set(k, reason);
    }

    /** A change arrived on a stream; counts outside this step (late ones of an earlier step) are not its. */
    void delivered(long count, long nanos) {
        long k = count - base - first;
        if (k >= 0 && k < size) {
            eventNanos.compareAndSet((int) k, 0, nanos);
        }
    }

    /** The users whose count this step changed (acknowledged 200). */
    <U> Set<U> changedUsers(List<U> users) {
        Set<U> changed = new LinkedHashSet<>();
        for (int k = 0; k < size; k++) {
            if (status.get(k) == 200) {
                changed.add(user(k, users));
            }
        }
        return changed;
    }

    /**
     * The step's figures once its grace period is over.
     *
     * @param lostUsers users whose stream did not end on their latest acknowledged count
     */
    RestStepFigures figures(double durationSeconds, int lostUsers) {
        long[] putLatency = new long[size];
        long[] eventLatency = new long[size];
        int acked = 0;
        int events = 0;
        int errors = 0;
        int tooLate = 0;
        long lastAck = startNanos;
        for (int k = 0; k < size; k++) {
            int code = status.get(k);
            if (code == TOO_LATE) {
                tooLate++;
            } else if (code != 200) {
                errors++;
            } else {
                long due = dueNanos(k);
                putLatency[acked++] = ackNanos.get(k) - due;
                lastAck = Math.max(lastAck, ackNanos.get(k));
                long event = eventNanos.get(k);
                if (event != 0) {
                    eventLatency[events++] = event - due;
                }
            }
        }
        double seconds = Math.max(durationSeconds, (lastAck - startNanos) / 1e9);
        return new RestStepFigures(rate, acked / seconds, size, acked, errors, tooLate, events,
                acked - events - lostUsers, lostUsers, Percentiles.of(Arrays.copyOf(putLatency, acked)),
                Percentiles.of(Arrays.copyOf(eventLatency, events)));
    }
}
