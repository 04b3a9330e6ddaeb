package io.moquette.persistence;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.moquette.broker.IQueueRepository;
import io.moquette.broker.SessionMessageQueue;
import io.moquette.broker.SessionRegistry.EnqueuedMessage;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>
 * A queue of a client the broker limits ({@link #limitQueues}) keeps at most that many messages: beyond it the oldest
 * is dropped, with one INFO line per overflow (until the queue is empty again), not one per message. Reddot's messages
 * are counts, of which only the newest matters; Moquette's queue had no bound at all.
 *
 * <p>Same package, name and methods as Moquette's class, which its {@code H2Builder} creates; see broker/README.md.
 */
public class H2QueueRepository implements IQueueRepository {

    private static final String PREFIX = "queue_";
    private static final String METADATA_SUFFIX = "_meta";

    private static final Logger LOG = LoggerFactory.getLogger(H2QueueRepository.class);

    private final MVStore store;
    private volatile boolean closed;
    private volatile int maximumQueued = Integer.MAX_VALUE;
    private volatile Predicate<String> limited = clientId -> false;

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
        H2PersistentQueue queue = new H2PersistentQueue(store, queueName(clientId));
        // the map the queue has just opened, for its size (Moquette's queue does not tell it)
        return new KeptAcrossStops(clientId, queue, store.openMap(PREFIX + queueName(clientId)));
    }

    /**
     * From now on, the queue of each client id {@code applies} to keeps at most {@code maximum} messages. Called once
     * Moquette has created this repository (it does so itself, without Reddot's settings).
     */
    public void limitQueues(int maximum, Predicate<String> applies) {
        this.limited = applies;
        this.maximumQueued = maximum;
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

        private final String clientId;
        private final H2PersistentQueue queue;
        private final MVMap<?, ?> messages;
        /** Whether messages were dropped since the queue was last empty: one log line per overflow. */
        private boolean overflowing;

        KeptAcrossStops(String clientId, H2PersistentQueue queue, MVMap<?, ?> messages) {
            this.clientId = clientId;
            this.queue = queue;
            this.messages = messages;
        }

        @Override
        public void enqueue(EnqueuedMessage message) {
            int maximum = maximumQueued;
            if (messages.sizeAsLong() >= maximum && limited.test(clientId)) {
                dropOldest(maximum);
            }
            queue.enqueue(message);
        }

        private void dropOldest(int maximum) {
            if (!overflowing) {
                overflowing = true;
                LOG.info("The queue of session {} holds {} messages, the most a session may; dropping the oldest",
                        clientId, maximum);
            }
            while (messages.sizeAsLong() >= maximum) {
                EnqueuedMessage oldest = queue.dequeue();
                if (oldest == null) {
                    return;
                }
                oldest.release();
            }
        }

        @Override
        public EnqueuedMessage dequeue() {
            EnqueuedMessage message = queue.dequeue();
            if (message == null) {
                overflowing = false;
            }
            return message;
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
