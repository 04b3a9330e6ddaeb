package dev.reddot.gateway.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.http.WebConnection;

import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of a push request once Tomcat has handed it over: the response's headers are out, and Tomcat's request,
 * response and their buffers (some 40 KiB) go back to its pool. What stays per connection is the socket with its two
 * small buffers and this object.
 *
 * <p>A request hands its socket over by committing its response's headers, with {@code Connection: close} so that the
 * body needs no chunked framing, and then calling {@code request.upgrade(HandedOverSocket.class)}: Tomcat keeps the
 * status it has already sent, does the rest of the upgrade as for a WebSocket, and from then on the body is written
 * here, raw. This is Tomcat's own interface for protocols it hands sockets to (its WebSocket is one), so the socket
 * stays registered for reading: a client that closes (its FIN) is noticed at once, not at the next failed write.
 *
 * <p>{@link #write} blocks the calling thread until the bytes are on their way, at most the write timeout; writes and
 * {@link #close} may come from any thread.
 */
public final class HandedOverSocket implements InternalHttpUpgradeHandler {

    /** What the connection on this socket is told. */
    public interface Listener {

        /** The socket is handed over: it can be written to from now on. */
        void handedOver(HandedOverSocket socket);

        /** Bytes the client sent, on Tomcat's thread; by default dropped (a stream's client has nothing to say). */
        default void received(ByteBuffer bytes) {
        }

        /** The client closed the connection or it failed; called once, and not after {@link #close}. */
        void closedByClient();
    }

    private static final Logger log = LoggerFactory.getLogger(HandedOverSocket.class);
    private static final int READ_BUFFER_BYTES = 256;

    private final AtomicBoolean closed = new AtomicBoolean();
    /** Writes come from the connection's writer and, for a WebSocket, from other threads (a pong, a close). */
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Listener listener;
    private volatile long writeTimeoutMillis;
    private volatile SocketWrapperBase<?> socket;

    /** Tomcat creates the handler; {@link #attach} gives it its connection before the upgrade completes. */
    public HandedOverSocket() {
    }

    /** @param writeTimeoutMillis how long a write to a client that does not read may block before it fails */
    public void attach(Listener listener, long writeTimeoutMillis) {
        this.listener = listener;
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
        this.socket = wrapper;
    }

    @Override
    public void init(WebConnection connection) {
        // Tomcat leaves timeouts to the protocol it hands the socket to: reads wait for ever, writes are bounded
        socket.setWriteTimeout(writeTimeoutMillis);
        listener.handedOver(this);
    }

    /** Writes the bytes, blocking until the socket has taken them or the write timeout has passed. */
    public void write(byte[] bytes) throws IOException {
        writeLock.lock();
        try {
            writeLocked(bytes);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes the bytes as {@link #write} does, unless another write is under way (to a client that may not be
     * reading): then nothing is written and the caller does not wait.
     *
     * @return whether the bytes were written
     */
    public boolean writeUnlessBusy(byte[] bytes) throws IOException {
        if (!writeLock.tryLock()) {
            return false;
        }
        try {
            writeLocked(bytes);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    private void writeLocked(byte[] bytes) throws IOException {
        if (closed.get()) {
            throw new EOFException("connection closed");
        }
        socket.write(true, bytes, 0, bytes.length);
        socket.flush(true);
    }

    /** Closes the connection from the server's side; the listener is not told. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            socket.close();
        }
    }

    /** The socket is readable: bytes from the client, its FIN or a reset; anything else but a write ends it. */
    @Override
    public SocketState upgradeDispatch(SocketEvent status) {
        if (status == SocketEvent.OPEN_WRITE) {
            // writes block until done and are woken by the poller itself: nothing is waiting for this
            return closed.get() ? SocketState.CLOSED : SocketState.UPGRADED;
        }
        if (status == SocketEvent.OPEN_READ && !closed.get()) {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
                int read;
                while ((read = socket.read(false, buffer.clear())) > 0) {
                    listener.received(buffer.flip());
                }
                if (read == 0) {
                    return closed.get() ? SocketState.CLOSED : SocketState.UPGRADED;
                }
            } catch (IOException endOrReset) {
                log.debug("Handed-over connection ended: {}", endOrReset.toString());
            }
        }
        closedByClient();
        return SocketState.CLOSED;
    }

    @Override
    public void destroy() {
        closedByClient();
    }

    private void closedByClient() {
        if (closed.compareAndSet(false, true) && listener != null) {
            listener.closedByClient();
        }
    }

    @Override
    public void timeoutAsync(long now) {
        // no timeouts of its own: a stream ends when the client leaves, its token expires or its max age is reached
    }

    @Override
    public void setSslSupport(SSLSupport sslSupport) {
    }

    /** The connector pauses as the server stops: the gateway has already ended every stream by then. */
    @Override
    public void pause() {
    }
}
