package dev.reddot.gateway.transport;

import java.security.Principal;
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
}
