package dev.reddot.gateway.transport;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.gateway.hub.ConnectionLimitException;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.hub.Subscription;
import dev.reddot.gateway.hub.Transport;
import dev.reddot.protocol.CountEvent;

/**
 * A connection the server pushes to (SSE, iframe, WebSocket, a waiting long poll) on a socket Tomcat hands over
 * ({@link HandedOverSocket}): counts, heartbeats and the end at its token's expiry go through its one {@link ConnectionWriter}; it is registered
 * with the hub before its response's head goes out, writes nothing until the socket is handed over, and ends exactly
 * once, however it ends. Subclasses say what to write and how to say goodbye.
 */
public abstract class PushConnection implements Transport, ConnectionWriter.Sink, HandedOverSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(PushConnection.class);

    /** How a response's head is set before the hand-over (a stream also sends it). */
    @FunctionalInterface
    public interface Head {

        void set() throws IOException;
    }

    private final String transport;
    private final TransportThreads threads;
    private final ConnectionWriter writer;
    private final CountFrames frames;
    private String userId;
    private Subscription subscription;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> expiry;
    /** Null until Tomcat hands the socket over; written under this object's lock, read by the writer. */
    private volatile HandedOverSocket socket;
    /** Set by {@link #end}, which may come before the socket (the gateway stopping). */
    private boolean ended;

    /**
     * @param frames  the transport's encoding, shared by its connections
     * @param lastSeq the seq the client already has (-1 for none): the current count is sent only if newer
     */
    protected PushConnection(String transport, TransportThreads threads, CountFrames frames, long lastSeq) {
        this.transport = transport;
        this.threads = threads;
        this.frames = frames;
        this.writer = threads.writer(this, lastSeq, this::writeFailed);
        writer.hold();
    }

    /**
     * Registers with the hub, which hands over the user's current count, and starts the heartbeats; then sets the
     * response's head and has Tomcat hand the request's socket over once the request returns. A connection past the
     * gateway's limits is refused first ({@link ConnectionLimitException}), before anything is sent.
     *
     * @param tokenExpiry when the token the connection was opened with expires ({@link TokenExpiry}): the connection
     *                    ends then; empty in open mode
     */
    public final void handOver(Hub hub, String userId, Optional<Instant> tokenExpiry, HttpServletRequest request,
                               Head head) throws IOException, ServletException {
        open(hub, userId, tokenExpiry);
        try {
            head.set();
            request.upgrade(HandedOverSocket.class).attach(this, threads.writeTimeoutMillis());
        } catch (IOException | ServletException | RuntimeException e) {
            release();
            throw e;
        }
    }

    private synchronized void open(Hub hub, String userId, Optional<Instant> tokenExpiry) {
        this.userId = userId;
        subscription = hub.subscribe(userId, this);
        heartbeat = sendsHeartbeats() ? threads.heartbeats(writer) : null;
        expiry = tokenExpiry.map(expiresAt -> threads.expiry(writer, expiresAt)).orElse(null);
    }

    /** Synchronized with {@link #end}: a connection ended meanwhile must not leave its socket open. */
    @Override
    public final synchronized void handedOver(HandedOverSocket handedOver) {
        socket = handedOver;
        if (ended) {
            socket.close();
            return;
        }
        try {
            started(handedOver);
        } catch (IOException gone) {
            log.debug("{} connection of {} gone before its first byte: {}", transport, userId, gone.toString());
            end(null);
            return;
        }
        writer.resume();
        log.debug("{} connection opened for {}", transport, userId);
    }

    /** Whether the connection writes a heartbeat every {@code reddot.gateway.heartbeat} (a waiting answer has none). */
    protected boolean sendsHeartbeats() {
        return true;
    }

    /** The socket is handed over and nothing is written yet: the connection's first bytes, if it has any. */
    protected void started(HandedOverSocket handedOver) throws IOException {
    }

    @Override
    public final void closedByClient() {
        log.debug("{} connection of {} closed by the client", transport, userId);
        end(null);
    }

    @Override
    public final String name() {
        return transport;
    }

    protected final String userId() {
        return userId;
    }

    @Override
    public final void deliver(CountEvent event) {
        // encoded on the hub's thread, where a user's connections take the same event one after another
        writer.offer(frames.of(event));
    }

    /** Writes to the socket, from the connection's writer. */
    protected final void write(byte[] bytes) throws IOException {
        socket.write(bytes);
    }

    /** Writes from another thread, which must not wait: nothing is written while the writer is busy. */
    protected final void writeUnlessBusy(byte[] bytes) {
        try {
            socket.writeUnlessBusy(bytes);
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    /**
     * Ends the connection, once: leaves the hub, writes the last frame unless a write is still under way (a client
     * that does not read gets none) and closes the socket.
     *
     * @param lastFrame the goodbye, or null for none
     */
    protected final synchronized void end(byte[] lastFrame) {
        if (ended) {
            return;
        }
        ended = true;
        release();
        ended();
        if (socket == null) {
            return;
        }
        try {
            if (lastFrame != null) {
                socket.writeUnlessBusy(lastFrame);
            }
        } catch (IOException gone) {
            log.debug("{} connection of {}: no last frame, the client is gone: {}", transport, userId, gone.toString());
        } finally {
            socket.close();
        }
    }

    /** Called once as the connection ends, under its lock: what the subclass must let go of. */
    protected void ended() {
    }

    /** Stops writing and leaves the hub; calling it again does nothing. */
    private synchronized void release() {
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

    /** A write failed, usually because the client went away. */
    private void writeFailed(Exception e) {
        log.debug("{} connection of {} closed: {}", transport, userId, e.toString());
        end(null);
    }
}
