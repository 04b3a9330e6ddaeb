package dev.reddot.gateway.transport.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.ConnectionLimitException;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountFrames;
import dev.reddot.gateway.transport.EncodedCount;
import dev.reddot.gateway.transport.HandedOverSocket;
import dev.reddot.gateway.transport.PushConnection;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.protocol.Ids;

/**
 * The one subscription path of the streaming transports: sends the response's headers, has Tomcat hand the socket
 * over ({@link HandedOverSocket}), registers the stream with the hub, keeps it alive with heartbeats and releases it
 * however it ends: the client's FIN (noticed at once), a failed write, the max age, the token's expiry.
 */
@Component
public class Streams {

    private static final Logger log = LoggerFactory.getLogger(Streams.class);

    private final Hub hub;
    private final TransportThreads threads;
    private final Duration maxAge;
    private final long writeTimeoutMillis;
    /** Per encoder (one per transport): its count frames and heartbeat, encoded once for all its streams. */
    private final Map<StreamEncoder, Encoding> encodings = new ConcurrentHashMap<>();

    Streams(Hub hub, GatewayProperties properties, TransportThreads threads) {
        this.hub = hub;
        this.threads = threads;
        this.maxAge = properties.streamMaxAge();
        this.writeTimeoutMillis = properties.slowConsumerTimeout().toMillis();
    }

    /**
     * Answers the request with a never-ending response. A connection past the gateway's limits is refused before
     * anything is sent ({@link ConnectionLimitException}, answered 503 as problem details).
     *
     * @param lastSeq     the seq the client already has (-1 for none); the current count is sent only if newer
     * @param tokenExpiry when the request's token expires: the stream ends then ({@code TokenExpiry})
     */
    public void open(String userId, String transport, StreamEncoder encoder, long lastSeq,
                     Optional<Instant> tokenExpiry, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Ids.requireValid(userId);
        Encoding encoding = encodings.computeIfAbsent(encoder, Encoding::of);
        StreamConnection connection = new StreamConnection(userId, transport, encoding, lastSeq);
        // registered before anything is sent: the place is taken, or refused with a 503, before the 200 goes out
        connection.open(hub, userId, tokenExpiry);
        try {
            response.setContentType(encoder.mediaType().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            // nginx and similar proxies must pass each event on at once
            response.setHeader("X-Accel-Buffering", "no");
            // the body ends with the connection: Tomcat, no longer writing it, must not announce a chunked one
            response.setHeader(HttpHeaders.CONNECTION, "close");
            response.flushBuffer();
            request.upgrade(HandedOverSocket.class).attach(connection, writeTimeoutMillis);
        } catch (IOException | ServletException | RuntimeException e) {
            connection.release();
            throw e;
        }
    }

    private final class StreamConnection extends PushConnection implements HandedOverSocket.Listener {

        private final String userId;
        private final Encoding encoding;
        private volatile HandedOverSocket socket;
        private ScheduledFuture<?> maxAgeReached;
        /** Set by {@link #end}, which may come before the socket (the gateway stopping). */
        private boolean ended;

        StreamConnection(String userId, String transport, Encoding encoding, long lastSeq) {
            super(transport, threads, encoding.counts(), lastSeq);
            this.userId = userId;
            this.encoding = encoding;
            holdWrites();
        }

        /** Synchronized with {@link #end}: a stream ended meanwhile must not leave a socket or a timer behind. */
        @Override
        public synchronized void handedOver(HandedOverSocket handedOver) {
            socket = handedOver;
            if (ended) {
                socket.close();
                return;
            }
            try {
                socket.write(encoding.preamble());
            } catch (IOException gone) {
                log.debug("{} stream of {} gone before its first byte: {}", transport(), userId, gone.toString());
                end();
                return;
            }
            resumeWrites();
            maxAgeReached = threads.after(maxAge, this::close);
            log.debug("{} stream opened for {}", transport(), userId);
        }

        @Override
        public void closedByClient() {
            log.debug("{} stream of {} closed by the client", transport(), userId);
            end();
        }

        @Override
        public void writeCount(EncodedCount count) throws IOException {
            socket.write(count.frame());
        }

        @Override
        public void writeHeartbeat() throws IOException {
            socket.write(encoding.heartbeat());
        }

        @Override
        public void writeExpiry() throws IOException {
            log.debug("{} stream of {} ends: token expired", transport(), userId);
            try {
                socket.write(encoding.expired());
            } finally {
                end();
            }
        }

        /** The gateway stops, or the stream reached its max age: the client reconnects. */
        @Override
        public void close() {
            end();
        }

        @Override
        protected void writeFailed(Exception e) {
            log.debug("{} stream of {} closed: {}", transport(), userId, e.toString());
            end();
        }

        private synchronized void end() {
            ended = true;
            release();
            if (maxAgeReached != null) {
                maxAgeReached.cancel(false);
            }
            if (socket != null) {
                socket.close();
            }
        }
    }

    private record Encoding(CountFrames counts, byte[] preamble, byte[] heartbeat, byte[] expired) {

        static Encoding of(StreamEncoder encoder) {
            return new Encoding(new CountFrames(encoder::count), bytes(encoder.preamble()), bytes(encoder.heartbeat()),
                    bytes(encoder.expired()));
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
