package dev.reddot.simulator.bench;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

import dev.reddot.simulator.http.SseEvent;
import dev.reddot.simulator.report.LatencyRecorder;

/**
 * One user of {@code bench gateway}: the changes published for it and not yet seen on its stream, and what its
 * stream received. A stream may skip a change that a newer one replaced before it was written (the latest count
 * wins); it must end on the last one.
 */
final class GatewayStreamUser {

    /** One published change; {@code measured} is false for warm-up changes. */
    record Change(long seq, long count, long sentNanos, boolean measured) {
    }

    private final String userId;
    private final CompletableFuture<Long> current = new CompletableFuture<>();
    private final ArrayDeque<Change> unseen = new ArrayDeque<>();
    private long nextSeq;
    private long lastSentSeq = -1;
    private long lastReceivedSeq = -1;
    private long changes;
    private long superseded;
    private long duplicates;
    private LatencyRecorder latency;

    GatewayStreamUser(String userId, long firstSeq) {
        this.userId = userId;
        this.nextSeq = firstSeq;
    }

    String userId() {
        return userId;
    }

    /** Completes with the seq of the first event: the user's current count. */
    CompletableFuture<Long> current() {
        return current;
    }

    boolean isOpen() {
        return current.isDone() && !current.isCompletedExceptionally();
    }

    void skip() {
        current.cancel(false);
    }

    synchronized void measureInto(LatencyRecorder recorder) {
        this.latency = recorder;
    }

    synchronized Change nextChange(boolean measured) {
        Change change = new Change(nextSeq++, ++changes, System.nanoTime(), measured);
        unseen.addLast(change);
        lastSentSeq = change.seq();
        return change;
    }

    void received(SseEvent event) {
        long now = System.nanoTime();
        if (!"count".equals(event.type()) || event.id() == null) {
            return;
        }
        long seq = Long.parseLong(event.id().trim());
        if (!current.isDone()) {
            current.complete(seq);
            return;
        }
        synchronized (this) {
            if (seq <= lastReceivedSeq) {
                duplicates++;
                return;
            }
            lastReceivedSeq = seq;
            while (!unseen.isEmpty() && unseen.peekFirst().seq() < seq) {
                unseen.removeFirst();
                superseded++;
            }
            Change change = unseen.peekFirst();
            if (change != null && change.seq() == seq) {
                unseen.removeFirst();
                if (change.measured() && latency != null) {
                    latency.record(now - change.sentNanos());
                }
            }
        }
    }

    /** Whether the stream shows the last change published for the user (true when none was). */
    synchronized boolean isUpToDate() {
        return lastReceivedSeq == lastSentSeq;
    }

    synchronized long superseded() {
        return superseded;
    }

    synchronized long duplicates() {
        return duplicates;
    }
}
