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
    /** Per encoder (one per transport): its count frames and heartbeat, encoded once for all its streams. */
    private final Map<StreamEncoder, Encoding> encodings = new ConcurrentHashMap<>();

    Streams(Hub hub, GatewayProperties properties, TransportThreads threads) {
        this.hub = hub;
        this.threads = threads;
        this.maxAge = properties.streamMaxAge();
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
        new StreamConnection(transport, encoding, lastSeq).handOver(hub, userId, tokenExpiry, request, () -> {
            response.setContentType(encoder.mediaType().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            // nginx and similar proxies must pass each event on at once
            response.setHeader("X-Accel-Buffering", "no");
            // the body ends with the connection: Tomcat, no longer writing it, must not announce a chunked one
            response.setHeader(HttpHeaders.CONNECTION, "close");
            response.flushBuffer();
        });
    }

    private final class StreamConnection extends PushConnection {

        private final Encoding encoding;
        private ScheduledFuture<?> maxAgeReached;

        StreamConnection(String transport, Encoding encoding, long lastSeq) {
            super(transport, threads, encoding.counts(), lastSeq);
            this.encoding = encoding;
        }

        @Override
        protected void started(HandedOverSocket socket) throws IOException {
            socket.write(encoding.preamble());
            maxAgeReached = threads.after(maxAge, this::close);
        }

        @Override
        public void writeCount(EncodedCount count) throws IOException {
            write(count.frame());
        }

        @Override
        public void writeHeartbeat() throws IOException {
            write(encoding.heartbeat());
        }

        @Override
        public void writeExpiry() {
            log.debug("{} stream of {} ends: token expired", name(), userId());
            end(encoding.expired());
        }

        /** The gateway stops, or the stream reached its max age: the client reconnects. */
        @Override
        public void close() {
            end(null);
        }

        @Override
        protected void ended() {
            if (maxAgeReached != null) {
                maxAgeReached.cancel(false);
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
