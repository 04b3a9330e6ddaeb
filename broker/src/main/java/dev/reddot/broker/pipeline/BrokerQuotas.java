package dev.reddot.broker.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.Scope;

/**
 * The limits of one running broker ({@code reddot.broker.limits.*}), and the pages that may open its WebSocket
 * listeners, shared by the handlers of all its connections. One per broker start; a connection's handlers find it
 * with {@link QuotasOfConnection}.
 */
public final class BrokerQuotas {

    private final BrokerProperties.Limits limits;
    private final Optional<OriginPatterns> webSocketOrigins;
    /** The filters of every persistent session while no connection holds it, by client id. */
    private final Map<String, Set<String>> subscriptionsOfAbsentSessions = new ConcurrentHashMap<>();
    /** The persistent sessions of every subject, by client id: the connection holding each, or when it expires. */
    private final Map<String, Map<String, HeldSession>> persistentSessions = new ConcurrentHashMap<>();
    private final RetainedTopics retainedTopics;

    /**
     * A persistent session as the quota sees it: held by {@code connection} until it ends, then until
     * {@code expiresAt}. A connection that loses its session to a newer one (a takeover) no longer holds it.
     */
    record HeldSession(Object connection, Instant expiresAt) {

        static HeldSession connected(Object connection) {
            return new HeldSession(connection, Instant.MAX);
        }
    }

    public BrokerQuotas(BrokerProperties.Limits limits) {
        this(limits, Optional.empty());
    }

    /** @param webSocketOrigins the origins a WebSocket handshake may come from; empty: any (token mode) */
    public BrokerQuotas(BrokerProperties.Limits limits, Optional<OriginPatterns> webSocketOrigins) {
        QuotasOfConnection.requireMoquetteFields();
        this.limits = limits;
        this.webSocketOrigins = webSocketOrigins;
        this.retainedTopics = new RetainedTopics(limits.retainedTopicsPerDevice());
    }

    /** The devices' retained topics, which the broker loads from its store and keeps up to date with it. */
    public RetainedTopics retainedTopics() {
        return retainedTopics;
    }

    BrokerProperties.Limits limits() {
        return limits;
    }

    Optional<OriginPatterns> webSocketOrigins() {
        return webSocketOrigins;
    }

    /**
     * How many QoS 1 and 2 PUBLISH a connection may have unacknowledged. A service's publisher pipelines its counts
     * and adapts to what CONNACK announces. Without a token (open mode, loopback only) a connection may be the
     * publisher-service and gets a service's figure: with 20, Paho's Java client refused its own sequential publishes
     * now and then ("Too many publishes in progress": it frees the slot after completing the token).
     */
    int receiveMaximum(Optional<AccessToken> token) {
        return token.isEmpty() || isService(token) ? limits.serviceReceiveMaximum() : limits.receiveMaximum();
    }

    /**
     * The PUBLISH budget of a connection ({@link PublishBudget}), full at {@code nanoTime}: a device's or a user's.
     * None for a service, whose counts are every user's, nor in open mode, where no connection has a token and one of
     * them may be the publisher-service.
     */
    Optional<PermitBucket> publishBudget(Optional<AccessToken> token, long nanoTime) {
        return token.isEmpty() || isService(token) ? Optional.empty()
                : Optional.of(new PermitBucket(limits.publishRatePerClient(), limits.publishBurstPerClient(), nanoTime));
    }

    /** The filters a persistent session held when its last connection ended; none for a new or clean one. */
    Set<String> resumeSubscriptions(String clientId, boolean cleanStart) {
        Set<String> kept = subscriptionsOfAbsentSessions.remove(clientId);
        return kept == null || cleanStart ? Set.of() : kept;
    }

    /** Keeps what a persistent session is subscribed to while it has no connection. */
    void keepSubscriptions(String clientId, Set<String> filters) {
        if (!filters.isEmpty()) {
            subscriptionsOfAbsentSessions.put(clientId, Set.copyOf(filters));
        }
    }

    /**
     * Takes {@code subject}'s place for the persistent session {@code clientId}, held by {@code connection}, if it is
     * one of the sessions the subject already holds or the subject holds fewer than
     * {@code persistent-sessions-per-subject}. Answers what the place was before (for {@link #giveBack}), or empty
     * when the subject holds as many as it may.
     */
    Optional<Optional<HeldSession>> takePersistentSession(String subject, String clientId, Object connection) {
        Instant now = Instant.now();
        Map<String, Optional<HeldSession>> previous = new HashMap<>(1);
        persistentSessions.compute(subject, (key, sessions) -> {
            Map<String, HeldSession> held = sessions == null ? new ConcurrentHashMap<>() : sessions;
            held.values().removeIf(session -> session.expiresAt().isBefore(now));
            if (held.containsKey(clientId) || held.size() < limits.persistentSessionsPerSubject()) {
                previous.put(clientId, Optional.ofNullable(held.put(clientId, HeldSession.connected(connection))));
            }
            return held.isEmpty() ? null : held;
        });
        return Optional.ofNullable(previous.get(clientId));
    }

    /** Undoes {@link #takePersistentSession}: the CONNECT was refused after all. */
    void giveBack(String subject, String clientId, Optional<HeldSession> previous) {
        persistentSessions.computeIfPresent(subject, (key, held) -> {
            previous.ifPresentOrElse(session -> held.put(clientId, session), () -> held.remove(clientId));
            return held.isEmpty() ? null : held;
        });
    }

    /** {@code connection}'s persistent session outlives it by {@code expiry}, unless a newer connection holds it. */
    void persistentSessionLeft(String subject, String clientId, Object connection, Duration expiry) {
        persistentSessions.computeIfPresent(subject, (key, held) -> {
            held.computeIfPresent(clientId, (id, session) -> session.connection() == connection
                    ? new HeldSession(null, Instant.now().plus(expiry)) : session);
            return held;
        });
    }

    /** The session {@code clientId} ended (a clean start replaced it): the subject's place is free. */
    void persistentSessionEnded(String subject, String clientId) {
        giveBack(subject, clientId, Optional.empty());
    }

    /** Whether {@code clientId} is one of {@code subject}'s persistent sessions. */
    boolean holdsPersistentSession(String subject, String clientId) {
        Map<String, HeldSession> held = persistentSessions.get(subject);
        return held != null && held.containsKey(clientId);
    }

    static boolean isService(Optional<AccessToken> token) {
        return token.map(AccessToken::scope).filter(scope -> scope == Scope.ADMIN).isPresent();
    }
}
