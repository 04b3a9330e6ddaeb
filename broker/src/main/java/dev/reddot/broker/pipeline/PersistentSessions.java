package dev.reddot.broker.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.reddot.broker.security.ClientIdNamespace;

/**
 * The persistent sessions each device or user holds in the broker, what {@code persistent-sessions-per-subject} caps:
 * those Moquette's store brought back at start-up, plus those created since. The stored ones are read from the store
 * before any CONNECT is judged (the broker's {@code SessionStore} reads them, and reports every session the store
 * drops: an expiry, a clean start replacing one), so a restart cannot hand a subject a fresh set of places on top of
 * what it kept. A place is taken at CONNECT, held while a connection holds the session, then until the session
 * expires or the store drops it.
 */
public final class PersistentSessions {

    /** The persistent sessions of every subject, by client id: the connection holding each, or when it expires. */
    private final Map<String, Map<String, HeldSession>> bySubject = new ConcurrentHashMap<>();
    private final LoadedFromStore loaded = new LoadedFromStore();
    private final int perSubject;

    /** A persistent session in the broker's store at start-up, by its client id as the broker knows it. */
    public record StoredSession(String clientId, Instant expiresAt) {
    }

    /**
     * A persistent session as the quota sees it: held by {@code connection} until it ends, then until
     * {@code expiresAt}. A connection that loses its session to a newer one (a takeover) no longer holds it.
     */
    record HeldSession(Object connection, Instant expiresAt) {

        static HeldSession connected(Object connection) {
            return new HeldSession(connection, Instant.MAX);
        }
    }

    PersistentSessions(int perSubject) {
        this.perSubject = perSubject;
    }

    /** The sessions the store held at start-up (those of services are ignored); from now on CONNECTs may be judged. */
    public void load(Collection<StoredSession> stored) {
        for (StoredSession session : stored) {
            ClientIdNamespace.principalOf(session.clientId()).ifPresent(subject -> bySubject
                    .computeIfAbsent(subject, key -> new ConcurrentHashMap<>())
                    .putIfAbsent(session.clientId(), new HeldSession(null, session.expiresAt())));
        }
        loaded.done();
    }

    /** The store dropped the session {@code clientId}: its place is free, unless a connection holds it again. */
    public void removedFromStore(String clientId) {
        ClientIdNamespace.principalOf(clientId).ifPresent(subject -> bySubject.computeIfPresent(subject,
                (key, held) -> {
                    held.computeIfPresent(clientId, (id, session) -> session.connection() == null ? null : session);
                    return held.isEmpty() ? null : held;
                }));
    }

    /** Waits for {@link #load}: a CONNECT judged before would find none of the stored sessions. */
    boolean awaitLoaded() {
        return loaded.await();
    }

    int perSubject() {
        return perSubject;
    }

    /**
     * Takes {@code subject}'s place for the persistent session {@code clientId}, held by {@code connection}, if it is
     * one of the sessions the subject already holds or the subject holds fewer than the cap. Answers what the place
     * was before (for {@link #giveBack}), or empty when the subject holds as many as it may.
     */
    Optional<Optional<HeldSession>> take(String subject, String clientId, Object connection) {
        Instant now = Instant.now();
        Map<String, Optional<HeldSession>> previous = new HashMap<>(1);
        bySubject.compute(subject, (key, sessions) -> {
            Map<String, HeldSession> held = sessions == null ? new ConcurrentHashMap<>() : sessions;
            held.values().removeIf(session -> session.expiresAt().isBefore(now));
            if (held.containsKey(clientId) || held.size() < perSubject) {
                previous.put(clientId, Optional.ofNullable(held.put(clientId, HeldSession.connected(connection))));
            }
            return held.isEmpty() ? null : held;
        });
        return Optional.ofNullable(previous.get(clientId));
    }

    /** Undoes {@link #take}: the CONNECT was refused after all. */
    void giveBack(String subject, String clientId, Optional<HeldSession> previous) {
        bySubject.computeIfPresent(subject, (key, held) -> {
            previous.ifPresentOrElse(session -> held.put(clientId, session), () -> held.remove(clientId));
            return held.isEmpty() ? null : held;
        });
    }

    /** {@code connection}'s persistent session outlives it by {@code expiry}, unless a newer connection holds it. */
    void left(String subject, String clientId, Object connection, Duration expiry) {
        bySubject.computeIfPresent(subject, (key, held) -> {
            held.computeIfPresent(clientId, (id, session) -> session.connection() == connection
                    ? new HeldSession(null, Instant.now().plus(expiry)) : session);
            return held;
        });
    }

    /** The session {@code clientId} ended (a clean start replaced it): the subject's place is free. */
    void ended(String subject, String clientId) {
        giveBack(subject, clientId, Optional.empty());
    }

    /** Whether {@code clientId} is one of {@code subject}'s persistent sessions. */
    boolean holds(String subject, String clientId) {
        Map<String, HeldSession> held = bySubject.get(subject);
        return held != null && held.containsKey(clientId);
    }
}
