package dev.reddot.gateway.transport.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountFrames;
import dev.reddot.gateway.transport.EncodedCount;
import dev.reddot.gateway.transport.PushConnection;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.protocol.Ids;

/**
 * The one subscription path of the streaming transports: opens a never-ending response, registers it with the
 * hub, keeps it alive with heartbeats and releases it however it ends (client gone, write failed, max age, token
 * expired).
 */
@Component
public class Streams {

    private static final Logger log = LoggerFactory.getLogger(Streams.class);

    private final Hub hub;
    private final GatewayProperties properties;
    private final TransportThreads threads;
    /** Per encoder (one per transport): its count frames and heartbeat, encoded once for all its streams. */
    private final Map<StreamEncoder, Encoding> encodings = new ConcurrentHashMap<>();

    Streams(Hub hub, GatewayProperties properties, TransportThreads threads) {
        this.hub = hub;
        this.properties = properties;
        this.threads = threads;
    }

    /**
     * @param lastSeq     the seq the client already has (-1 for none); the current count is sent only if newer
     * @param tokenExpiry when the request's token expires: the stream ends then ({@code TokenExpiry})
     */
    public ResponseEntity<ResponseBodyEmitter> open(String userId, String transport, StreamEncoder encoder, long lastSeq,
                                                    Optional<Instant> tokenExpiry) throws IOException {
        Ids.requireValid(userId);
        ResponseBodyEmitter emitter = new TypedEmitter(properties.streamMaxAge(), encoder.mediaType());
        emitter.send(encoder.preamble(), MediaType.TEXT_PLAIN);
        Encoding encoding = encodings.computeIfAbsent(encoder, Encoding::of);
        StreamConnection connection = new StreamConnection(userId, transport, encoding, emitter, lastSeq);
        connection.subscribe(tokenExpiry);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // nginx and similar proxies must pass each event on at once
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    private final class StreamConnection extends PushConnection {

        private final String userId;
        private final Encoding encoding;
        private final ResponseBodyEmitter emitter;

        StreamConnection(String userId, String transport, Encoding encoding, ResponseBodyEmitter emitter, long lastSeq) {
            super(transport, threads, encoding.counts(), lastSeq);
            this.userId = userId;
            this.encoding = encoding;
            this.emitter = emitter;
        }

        void subscribe(Optional<Instant> tokenExpiry) {
            emitter.onCompletion(this::release);
            emitter.onTimeout(() -> {
                release();
                emitter.complete();
            });
            emitter.onError(error -> release());
            open(hub, userId, tokenExpiry);
            log.debug("{} stream opened for {}", transport(), userId);
        }

        @Override
        public void writeCount(EncodedCount count) throws IOException {
            emitter.send(count.frame(), MediaType.TEXT_PLAIN);
        }

        @Override
        public void writeHeartbeat() throws IOException {
            emitter.send(encoding.heartbeat(), MediaType.TEXT_PLAIN);
        }

        @Override
        public void writeExpiry() throws IOException {
            log.debug("{} stream of {} ends: token expired", transport(), userId);
            release();
            emitter.send(encoding.encoder().expired(), MediaType.TEXT_PLAIN);
            emitter.complete();
        }

        @Override
        public void close() {
            release();
            emitter.complete();
        }

        /**
         * The usual end of a stream: the browser went away and the next write noticed. The emitter has already
         * handed the failure to the container, which completes the request; completing it from here as well would
         * race with that (Tomcat refuses it).
         */
        @Override
        protected void writeFailed(Exception e) {
            log.debug("{} stream of {} closed: {}", transport(), userId, e.toString());
            release();
        }
    }

    private record Encoding(StreamEncoder encoder, CountFrames counts, byte[] heartbeat) {

        static Encoding of(StreamEncoder encoder) {
            return new Encoding(encoder, new CountFrames(encoder::count),
                    encoder.heartbeat().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A streaming response with the transport's own content type. */
    private static final class TypedEmitter extends ResponseBodyEmitter {

        private final MediaType mediaType;

        TypedEmitter(Duration maxAge, MediaType mediaType) {
            super(maxAge.toMillis());
            this.mediaType = mediaType;
        }

        @Override
        protected void extendResponse(ServerHttpResponse outputMessage) {
            super.extendResponse(outputMessage);
            outputMessage.getHeaders().setContentType(mediaType);
        }
    }
}
