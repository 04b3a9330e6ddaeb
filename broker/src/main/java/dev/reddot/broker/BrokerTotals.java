package dev.reddot.broker;

import java.util.Map;

import io.moquette.broker.Server;
import io.moquette.broker.SessionRegistry;

/**
 * The sessions and retained messages a started Moquette server keeps, read from its own maps (sizes, no copies):
 * Moquette offers no count of either. Made right after the start, before Reddot wraps the retained store.
 */
final class BrokerTotals {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("count the broker's sessions and retained messages (BrokerTotals)");

    private final Map<?, ?> sessions;
    private final Map<?, ?> retained;
    private final Map<?, ?> retainedWithExpiry;

    private BrokerTotals(Map<?, ?> sessions, Map<?, ?> retained, Map<?, ?> retainedWithExpiry) {
        this.sessions = sessions;
        this.retained = retained;
        this.retainedWithExpiry = retainedWithExpiry;
    }

    static BrokerTotals of(Server server) {
        Object registry = FIELDS.read(server, Server.class, "sessions");
        Map<?, ?> pool = (Map<?, ?>) FIELDS.read(registry, SessionRegistry.class, "pool");
        Object postOffice = FIELDS.read(server, Server.class, "dispatcher");
        Object store = FIELDS.read(postOffice, postOffice.getClass(), "retainedRepository");
        // the persistent store (H2RetainedRepository) and the in-memory one name their two maps differently
        boolean persistent = store.getClass().getSimpleName().startsWith("H2");
        Map<?, ?> retained = (Map<?, ?>) FIELDS.read(store, store.getClass(), persistent ? "retainedMap" : "storage");
        Map<?, ?> expiring = (Map<?, ?>) FIELDS.read(store, store.getClass(),
                persistent ? "retainedExpireMap" : "storageExpire");
        return new BrokerTotals(pool, retained, expiring);
    }

    /** Sessions, connected or kept for a client that will come back. */
    int sessions() {
        return sessions.size();
    }

    int retainedMessages() {
        return retained.size() + retainedWithExpiry.size();
    }
}
