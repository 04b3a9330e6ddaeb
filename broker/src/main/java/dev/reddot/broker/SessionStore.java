package dev.reddot.broker;

import java.time.Instant;
import java.util.Collection;
import java.util.function.BiConsumer;

import dev.reddot.broker.pipeline.PersistentSessions;
import dev.reddot.broker.pipeline.PersistentSessions.StoredSession;
import io.moquette.broker.IQueueRepository;
import io.moquette.broker.ISessionsRepository;
import io.moquette.broker.Server;
import io.moquette.broker.SessionRegistry;

/**
 * Moquette's store of sessions, reporting every session it drops to the broker's {@link PersistentSessions}
 * ({@code persistent-sessions-per-subject}): an expiry, a clean start replacing a session, a clean session ending.
 * Moquette creates its store itself and keeps it in a private final field ({@code SessionRegistry.sessionsRepository})
 * through which every such removal passes; reading and replacing that field is the only way in, and the start fails
 * if a Moquette release moves it. Reading the store back afterwards catches the sessions kept across the restart.
 */
final class SessionStore implements ISessionsRepository {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("count the persistent sessions of each subject (SessionStore)");

    private final ISessionsRepository store;
    private final PersistentSessions sessions;

    private SessionStore(ISessionsRepository store, PersistentSessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /** Puts itself in front of {@code server}'s store and loads {@code sessions} from it. */
    static void track(Server server, PersistentSessions sessions) {
        Object registry = FIELDS.read(server, Server.class, "sessions");
        IQueueRepository queues = (IQueueRepository) FIELDS.read(registry, SessionRegistry.class, "queueRepository");
        ISessionsRepository store = FIELDS.replace(registry, SessionRegistry.class, "sessionsRepository",
                ISessionsRepository.class, original -> new SessionStore(original, sessions));
        // Moquette brings back only the sessions that still have a queue (SessionRegistry.recreateSessionPool)
        sessions.load(store.list().stream()
                .filter(session -> session.expiryInterval() > 0 && queues.containsQueue(session.clientId()))
                .map(SessionStore::stored)
                .toList());
    }

    /** A session stored while connected has no expiry instant yet: it expires a whole interval from now at most. */
    private static StoredSession stored(SessionData session) {
        return new StoredSession(session.clientId(),
                session.expireAt().orElseGet(() -> Instant.now().plusSeconds(session.expiryInterval())));
    }

    @Override
    public void delete(SessionData session) {
        store.delete(session);
        sessions.removedFromStore(session.clientId());
    }

    @Override
    public Collection<SessionData> list() {
        return store.list();
    }

    @Override
    public void saveSession(SessionData session) {
        store.saveSession(session);
    }

    @Override
    public void listSessionsWill(BiConsumer<String, Will> visitor) {
        store.listSessionsWill(visitor);
    }

    @Override
    public void saveWill(String clientId, Will will) {
        store.saveWill(clientId, will);
    }

    @Override
    public void deleteWill(String clientId) {
        store.deleteWill(clientId);
    }
}
