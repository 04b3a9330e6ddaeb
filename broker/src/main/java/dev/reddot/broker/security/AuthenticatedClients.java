package dev.reddot.broker.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reddot.protocol.security.AccessToken;

/**
 * The token each MQTT client id last logged in with. Moquette asks its authorizer about a client id and user name
 * only; the scope that decides what the client may do is in the token the authenticator verified at CONNECT.
 * Entries are replaced at every login and dropped once their token has expired.
 */
final class AuthenticatedClients {

    private static final int SWEEP_EVERY = 1_024;

    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicInteger loginsSinceSweep = new AtomicInteger();

    AuthenticatedClients(Clock clock) {
        this.clock = clock;
    }

    void loggedIn(String clientId, AccessToken token) {
        tokens.put(clientId, token);
        if (loginsSinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
            Instant now = clock.instant();
            tokens.values().removeIf(stored -> stored.expiresAt().isBefore(now));
        }
    }

    Optional<AccessToken> tokenOf(String clientId) {
        return Optional.ofNullable(tokens.get(clientId));
    }
}
