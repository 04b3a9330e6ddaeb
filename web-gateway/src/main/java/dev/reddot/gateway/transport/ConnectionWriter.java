package dev.reddot.gateway.transport;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one writer of one connection: counts and heartbeats are written by one thread at a time, off the broker's
 * delivery thread. It holds at most the newest unsent count, so a slow client costs one pending event, never a
 * growing queue, and still ends up with the latest count.
 */
public final class ConnectionWriter {

    /** Where the writer writes: one connection's socket, in its transport's format. */
    public interface Sink {

        void writeCount(EncodedCount count) throws IOException;

        void writeHeartbeat() throws IOException;

        /** The token the connection was opened with has expired: say so to the client and end the connection. */
        void writeExpiry() throws IOException;
    }

    private final Sink sink;
    private final Executor executor;
    private final Consumer<Exception> onFailure;
    private final AtomicReference<EncodedCount> pending = new AtomicReference<>();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;
    /** While set, nothing is written: the connection's socket is not there yet ({@link #hold}). */
    private volatile boolean held;
    /** Only read and written while {@link #draining} is held. */
    private long lastSentSeq;
    /** Whether a count has been taken yet; only read and written while {@link #draining} is held. */
    private boolean countTaken;

    /**
     * @param lastSentSeq the seq the client already has (-1 for none): counts up to it are not sent. When the first
     *                    count offered is older (the client saw a seq the store no longer knows: it was reset), the
     *                    client gets it anyway rather than nothing
     * @param onFailure   called once, from the writing thread, when a write fails
     */
    public ConnectionWriter(Sink sink, Executor executor, long lastSentSeq, Consumer<Exception> onFailure) {
        this.sink = sink;
        this.executor = executor;
        this.lastSentSeq = lastSentSeq;
        this.onFailure = onFailure;
    }

    public void offer(EncodedCount count) {
        pending.accumulateAndGet(count, (held, arrived) -> arrived.isNewerThan(held) ? arrived : held);
        schedule();
    }

    public void heartbeat() {
        heartbeatDue.set(true);
        schedule();
    }

    /**
     * Ends the connection because its token expired: a write in progress finishes, nothing pending is written after
     * it, and the sink's {@link Sink#writeExpiry()} is the last write.
     */
    public void expire() {
        expired.set(true);
        schedule();
    }

    /**
     * Writes nothing until {@link #resume}: for a connection that is registered before its socket is there to write
     * to. Counts and heartbeats offered meanwhile wait, the newest count only, as ever.
     */
    public void hold() {
        held = true;
    }

    public void resume() {
        held = false;
        schedule();
    }

    /** Stops writing; a write in progress finishes. */
    public void close() {
        closed = true;
    }

    private void schedule() {
        if (closed || held || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            draining.set(false);
            fail(shuttingDown);
        }
    }

    private void drain() {
        try {
            while (!closed) {
                if (expired.get()) {
                    sink.writeExpiry();
                    closed = true;
                    break;
                }
                EncodedCount count = pending.getAndSet(null);
                boolean heartbeat = heartbeatDue.getAndSet(false);
                if (count == null && !heartbeat) {
                    break;
                }
                if (count != null && !countTaken) {
                    countTaken = true;
                    if (count.event().seq() < lastSentSeq) {
                        lastSentSeq = -1;
                    }
                }
                if (count != null && count.event().seq() > lastSentSeq) {
                    sink.writeCount(count);
                    lastSentSeq = count.event().seq();
                } else if (heartbeat) {
                    sink.writeHeartbeat();
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            draining.set(false);
        }
        // an offer that came while this thread was leaving the loop must not wait for the next one
        if (pending.get() != null || heartbeatDue.get() || expired.get()) {
            schedule();
        }
    }

    private void fail(Exception e) {
        if (!closed) {
            closed = true;
            onFailure.accept(e);
        }
    }
}
