package dev.reddot.gateway.transport;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * When the token a request was authenticated with expires. In token mode a connection lives no longer than its token:
 * streams and WebSockets end at its {@code exp}, a long poll answers by then, and the client comes back with a fresh
 * token. In open mode there is no token, and no end.
 */
public final class TokenExpiry {

    private TokenExpiry() {
    }

    /** @param principal the request's or WebSocket session's principal; {@code null} when nobody authenticated */
    public static Optional<Instant> of(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            return Optional.ofNullable(token.getToken().getExpiresAt());
        }
        return Optional.empty();
    }

    /**
     * The time left until {@code expiresAt}, rounded up to the next millisecond and one more, never negative. Timers run
     * on the monotonic clock and in whole milliseconds while the token's expiry is wall-clock time: rounded down, a
     * connection could end a fraction of a millisecond while its token is still valid.
     */
    public static Duration timeLeft(Instant expiresAt) {
        Duration left = Duration.between(Instant.now(), expiresAt);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(left.plusNanos(999_999).toMillis() + 1);
    }
}
