package dev.reddot.gateway.transport.longpoll;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountFrames;
import dev.reddot.gateway.transport.CountResponses;
import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;

@RestController
class LongPollTransport {

    private final Hub hub;
    private final TransportThreads threads;
    private final GatewayProperties properties;
    private final CountFrames json = new CountFrames(CountEvent::toJson);

    LongPollTransport(Hub hub, TransportThreads threads, GatewayProperties properties) {
        this.hub = hub;
        this.threads = threads;
        this.properties = properties;
    }

    /**
     * Answers as soon as the user's seq passes {@code since} (at once if it already has), or 304 after the timeout.
     * {@code since} may also come as {@code If-None-Match: "seq"}; without either, the current count is answered.
     * In token mode the wait ends no later than the token's expiry, with the same 304: nothing changed, and the next
     * poll needs a fresh token (an expired one gets 401).
     *
     * <p>An answer the gateway already holds goes out as any response. A poll that waits hands its socket over, as a
     * stream does, and its answer comes on it, with {@code Connection: close} ({@link LongPollConnection}).
     *
     * @return the answer, or null when the poll waits: the connection answers then
     */
    @GetMapping("/push/long-poll/{userId}")
    ResponseEntity<CountEvent> poll(@PathVariable String userId,
            @RequestParam(required = false) Long since,
            @RequestParam(name = "timeout", required = false) Integer timeoutSeconds,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch, Principal principal,
            HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Ids.requireValid(userId);
        Optional<Instant> tokenExpiry = TokenExpiry.of(principal);
        Duration timeout = untilExpiry(timeoutOf(timeoutSeconds), tokenExpiry);
        long after = since != null ? since : CountResponses.seqOf(ifNoneMatch);
        Optional<CountEvent> newer = hub.held(userId).filter(held -> held.seq() > after);
        if (newer.isPresent()) {
            return CountResponses.ok(newer.get());
        }
        new LongPollConnection(threads, json, after, hub, timeout).waitFor(userId, tokenExpiry, request, response);
        return null;
    }

    /** The wait, cut short to end when the token does. */
    private static Duration untilExpiry(Duration timeout, Optional<Instant> tokenExpiry) {
        return tokenExpiry.map(TokenExpiry::timeLeft).filter(remaining -> remaining.compareTo(timeout) < 0)
                .orElse(timeout);
    }

    private Duration timeoutOf(Integer seconds) {
        if (seconds == null) {
            return properties.longPollTimeout();
        }
        long max = properties.longPollMaxTimeout().toSeconds();
        if (seconds < 1 || seconds > max) {
            throw new IllegalArgumentException("timeout must be 1 to " + max + " seconds: " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
