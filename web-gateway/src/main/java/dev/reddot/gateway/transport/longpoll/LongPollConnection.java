package dev.reddot.gateway.transport.longpoll;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountFrames;
import dev.reddot.gateway.transport.CountResponses;
import dev.reddot.gateway.transport.DeferredHead;
import dev.reddot.gateway.transport.EncodedCount;
import dev.reddot.gateway.transport.HandedOverSocket;
import dev.reddot.gateway.transport.PushConnection;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.CountEvent;

/**
 * A long poll that waits, on its handed-over socket: Tomcat's request and its buffers (some 55 KiB) are back in its
 * pool meanwhile. It answers once, then closes: 200 with the first count past {@code since}, or 304 with the current
 * seq when the timeout passes, the token expires or the gateway stops.
 */
final class LongPollConnection extends PushConnection {

    private static final String NO_STORE = CacheControl.noStore().getHeaderValue();

    private final TransportThreads threads;
    private final long since;
    private final Hub hub;
    private final Duration timeout;
    private final DeferredHead head = new DeferredHead();
    private ScheduledFuture<?> timedOut;

    LongPollConnection(TransportThreads threads, CountFrames json, long since, Hub hub, Duration timeout) {
        super(Transports.LONG_POLL, threads, json, since);
        this.threads = threads;
        this.since = since;
        this.hub = hub;
        this.timeout = timeout;
    }

    /** Registers with the hub and hands the socket over; a poll past the gateway's limits is refused first. */
    void waitFor(String userId, Optional<Instant> tokenExpiry, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        handOver(hub, userId, tokenExpiry, request, () -> {
            // set before the filters' own (Spring Security adds Cache-Control only where there is none)
            response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
            head.deferOn(request);
        });
    }

    @Override
    protected boolean sendsHeartbeats() {
        return false;
    }

    @Override
    protected void started(HandedOverSocket socket) {
        timedOut = threads.after(timeout, this::close);
    }

    /** The writer passes the first count past {@code since} on; one the store reset to an older seq is no answer. */
    @Override
    public void writeCount(EncodedCount count) {
        if (count.event().seq() > since) {
            end(head.response(200, "OK", Map.of(HttpHeaders.ETAG, CountResponses.etagOf(count.event())),
                    MediaType.APPLICATION_JSON_VALUE, count.frame()));
        }
    }

    @Override
    public void writeHeartbeat() {
    }

    @Override
    public void writeExpiry() {
        close();
    }

    /** Timed out, or the gateway stops: nothing changed; the client polls again. */
    @Override
    public void close() {
        CountEvent current = hub.latest(userId());
        end(head.response(304, "Not Modified", Map.of(HttpHeaders.ETAG, CountResponses.etagOf(current)), null,
                new byte[0]));
    }

    @Override
    protected void ended() {
        if (timedOut != null) {
            timedOut.cancel(false);
        }
    }
}
