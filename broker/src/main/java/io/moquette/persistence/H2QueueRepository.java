package io.moquette.persistence;

import java.util.Set;
import java.util.stream.Collectors;

import io.moquette.broker.IQueueRepository;
import io.moquette.broker.SessionMessageQueue;
import io.moquette.broker.SessionRegistry.EnqueuedMessage;
import org.h2.mvstore.MVStore;

/**
 * Reddot's replacement for Moquette 0.18.3's H2 queue repository: the same queues in the same store, except that
 * the queues outlive a broker stop. Moquette stops by closing this repository and then cleaning up every session,
 * which purges each session's queue from the store; at the next start it only brings back sessions that still have
 * a queue, so every persistent session was lost with a restart. Once closed, this repository's queues ignore the
 * purge; a session that really ends while the broker runs still drops its queue.
 * <p>
 * Moquette's queue keeps its messages in map {@code queue_<name>} and its head and tail in {@code queue_<name>_meta}:
 * a client with id {@code sensor_meta} opened the bookkeeping map of client {@code sensor} as its queue, corrupting
 * both (Moquette #964). Queues here are named by the client id with every {@code _} doubled: a name then never ends
 * in an odd run of underscores before {@code meta}, while every bookkeeping map does, so no two maps can meet.
 *
 * <p>Same package, name and methods as Moquette's class, which its {@code H2Builder} creates; see broker/README.md.
 */
public class H2QueueRepository implements IQueueRepository {

    private static final String PREFIX = "queue_";
    private static final String METADATA_SUFFIX = "_meta";

    private final MVStore store;
    private volatile boolean closed;

    public H2QueueRepository(MVStore store) {
        this.store = store;
    }

    @Override
    public Set<String> listQueueNames() {
        return store.getMapNames().stream()
                .filter(name -> name.startsWith(PREFIX) && !isBookkeeping(name))
                .map(name -> clientIdOf(name.substring(PREFIX.length())))
                .collect(Collectors.toSet());
    }

    @Override
    public boolean containsQueue(String clientId) {
        return store.hasMap(PREFIX + queueName(clientId));
    }

    @Override
    public SessionMessageQueue<EnqueuedMessage> getOrCreateQueue(String clientId) {
        return new KeptAcrossStops(new H2PersistentQueue(store, queueName(clientId)));
    }

    static String queueName(String clientId) {
        return clientId.replace("_", "__");
    }

    private static String clientIdOf(String queueName) {
        return queueName.replace("__", "_");
    }

    /** {@code queue_<name>_meta}: an odd run of underscores before {@code meta}, which a queue name never has. */
    private static boolean isBookkeeping(String mapName) {
        if (!mapName.endsWith(METADATA_SUFFIX)) {
            return false;
        }
        int underscores = 0;
        for (int i = mapName.length() - METADATA_SUFFIX.length(); i >= 0 && mapName.charAt(i) == '_'; i--) {
            underscores++;
        }
        return underscores % 2 == 1;
    }

    /** The broker is stopping: from now on queues are kept for the next start. */
    @Override
    public void close() {
        closed = true;
    }

    private final class KeptAcrossStops implements SessionMessageQueue<EnqueuedMessage> {

        private final H2PersistentQueue queue;

        KeptAcrossStops(H2PersistentQueue queue) {
            this.queue = queue;
        }

        @Override
        public void enqueue(EnqueuedMessage message) {
            queue.enqueue(message);
        }

        @Override
        public EnqueuedMessage dequeue() {
            return queue.dequeue();
        }

        @Override
        public boolean isEmpty() {
            return queue.isEmpty();
        }

        @Override
        public void closeAndPurge() {
            if (!closed) {
                queue.closeAndPurge();
            }
        }
    }
}
