package dev.reddot.gateway.transport;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import dev.reddot.gateway.hub.Connection;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.hub.Subscription;
import dev.reddot.protocol.CountEvent;

/**
 * A connection the server pushes to (SSE, iframe, WebSocket): counts, heartbeats and the end at its token's expiry go
 * through its one {@link ConnectionWriter}; it is registered with the hub while open and released exactly once,
 * however it ends. Subclasses say how to write to their socket and how to end it.
 */
public abstract class PushConnection implements Connection, ConnectionWriter.Sink {

    private final String transport;
    private final TransportThreads threads;
    private final ConnectionWriter writer;
    private final CountFrames frames;
    private Subscription subscription;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> expiry;

    /**
     * @param frames  the transport's encoding, shared by its connections
     * @param lastSeq the seq the client already has (-1 for none): the current count is sent only if newer
     */
    protected PushConnection(String transport, TransportThreads threads, CountFrames frames, long lastSeq) {
        this.transport = transport;
        this.threads = threads;
        this.frames = frames;
        this.writer = threads.writer(this, lastSeq, this::writeFailed);
    }

    /**
     * Registers with the hub, which hands over the user's current count, and starts the heartbeats.
     *
     * @param tokenExpiry when the token the connection was opened with expires ({@link TokenExpiry}): the connection
     *                    ends then; empty in open mode
     */
    public final synchronized void open(Hub hub, String userId, Optional<Instant> tokenExpiry) {
        subscription = hub.subscribe(userId, this);
        heartbeat = threads.heartbeats(writer);
        expiry = tokenExpiry.map(expiresAt -> threads.expiry(writer, expiresAt)).orElse(null);
    }

    /** Nothing is written until {@link #resumeWrites}: the connection registers before its socket is handed over. */
    protected final void holdWrites() {
        writer.hold();
    }

    /** The socket is there: what was offered meanwhile is written now, the newest count only. */
    protected final void resumeWrites() {
        writer.resume();
    }

    @Override
    public final String transport() {
        return transport;
    }

    @Override
    public final void deliver(CountEvent event) {
        // encoded on the hub's thread, where a user's connections take the same event one after another
        writer.offer(frames.of(event));
    }

    /** Stops writing and leaves the hub; calling it again does nothing. */
    public final synchronized void release() {
        writer.close();
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    /** A write failed, usually because the client went away: release, and end the connection if needed. */
    protected abstract void writeFailed(Exception e);
}
