package dev.reddot.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/** The rows of the token matrix: what a request for alice's count carries, and what the gateway must answer. */
enum Credential {

    NONE(401),
    MALFORMED(401),
    EXPIRED(401),
    FORGED(401),
    WRONG_USER(403),
    DEVICE(403),
    RIGHT_USER(200),
    ADMIN(200);

    static final String SECRET = "a-test-secret-of-at-least-32-bytes-for-hs256";
    static final String USER = "alice";

    final int status;

    Credential(int status) {
        this.status = status;
    }

    boolean reads() {
        return status == 200;
    }

    /** The token for a request about {@link #USER}; {@code null} for none. */
    String token() {
        AccessTokens tokens = new AccessTokens(SECRET);
        return switch (this) {
            case NONE -> null;
            case MALFORMED -> "not.a-jwt";
            case EXPIRED -> new AccessTokens(SECRET, Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC))
                    .mint(USER, Scope.USER, Duration.ofHours(1));
            case FORGED -> new AccessTokens("another-secret-of-at-least-32-bytes-long!!")
                    .mint(USER, Scope.USER, Duration.ofHours(1));
            case WRONG_USER -> tokens.mint("bob", Scope.USER, Duration.ofHours(1));
            case DEVICE -> tokens.mint(USER, Scope.DEVICE, Duration.ofHours(1));
            case RIGHT_USER -> tokens.mint(USER, Scope.USER, Duration.ofHours(1));
            case ADMIN -> tokens.mint("ops", Scope.ADMIN, Duration.ofHours(1));
        };
    }
}
