package dev.reddot.gateway.transport.longpoll;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.Connection;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.hub.Subscription;
import dev.reddot.gateway.transport.CountResponses;
import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;

@RestController
class LongPollTransport {

    private final Hub hub;
    private final GatewayProperties properties;

    LongPollTransport(Hub hub, GatewayProperties properties) {
        this.hub = hub;
        this.properties = properties;
    }

    /**
     * Answers as soon as the user's seq passes {@code since} (at once if it already has), or 304 after the timeout.
     * {@code since} may also come as {@code If-None-Match: "seq"}; without either, the current count is answered.
     * In token mode the wait ends no later than the token's expiry, with the same 304: nothing changed, and the next
     * poll needs a fresh token (an expired one gets 401).
     */
    @GetMapping("/push/long-poll/{userId}")
    DeferredResult<ResponseEntity<CountEvent>> poll(@PathVariable String userId,
            @RequestParam(required = false) Long since,
            @RequestParam(name = "timeout", required = false) Integer timeoutSeconds,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch, Principal principal) {
        Ids.requireValid(userId);
        Duration timeout = untilExpiry(timeoutOf(timeoutSeconds), TokenExpiry.of(principal));
        long after = since != null ? since : CountResponses.seqOf(ifNoneMatch);
        DeferredResult<ResponseEntity<CountEvent>> result = new DeferredResult<>(timeout.toMillis(),
                () -> CountResponses.notModified(hub.latest(userId)));
        Subscription subscription = hub.subscribe(userId, new Waiter(after, result, hub, userId));
        // every way a long poll ends (answer, timeout, client gone) comes through here
        result.onCompletion(subscription::close);
        return result;
    }

    /** The wait, cut short to end when the token does (at least a millisecond: 0 would mean the container's default). */
    private static Duration untilExpiry(Duration timeout, Optional<Instant> tokenExpiry) {
        return tokenExpiry.map(TokenExpiry::timeLeft)
                .filter(remaining -> remaining.compareTo(timeout) < 0)
                .map(remaining -> remaining.isZero() ? Duration.ofMillis(1) : remaining)
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

    private record Waiter(long since, DeferredResult<ResponseEntity<CountEvent>> result, Hub hub, String userId)
            implements Connection {

        @Override
        public String transport() {
            return Transports.LONG_POLL;
        }

        @Override
        public void deliver(CountEvent event) {
            if (event.seq() > since) {
                result.setResult(CountResponses.ok(event));
            }
        }

        /** The gateway is stopping: answer now, as a timeout would; the client polls again. */
        @Override
        public void close() {
            result.setResult(CountResponses.notModified(hub.latest(userId)));
        }
    }
}
