package dev.reddot.gateway.hub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;

/**
 * The latest count of every user, and every open connection waiting for the next one. Connections enter and
 * leave only through {@link #subscribe}, which is what keeps {@link #openConnections()} exact.
 */
@Component
public class Hub {

    private final Map<String, CountEvent> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> connectionsByUser = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openByTransport = new ConcurrentHashMap<>();

    /** The user's latest count; count 0 and seq 0 for a user the broker never mentioned. */
    public CountEvent latest(String userId) {
        Ids.requireValid(userId);
        return latest.getOrDefault(userId, CountEvent.initial(userId));
    }

    /**
     * Takes a count from the broker. Counts that are not newer than the one held (a replayed retained message,
     * a duplicate at QoS 1) change nothing and reach no one.
     *
     * @return whether the count was newer and was passed on
     */
    public boolean publish(CountEvent event) {
        CountEvent kept = latest.merge(event.userId(), event, (held, arrived) -> arrived.isNewerThan(held) ? arrived : held);
        if (kept != event) {
            return false;
        }
        Set<Connection> connections = connectionsByUser.get(event.userId());
        if (connections != null) {
            connections.forEach(connection -> connection.deliver(event));
        }
        return true;
    }

    /** Registers a connection and hands it the user's current count at once. */
    public Subscription subscribe(String userId, Connection connection) {
        Ids.requireValid(userId);
        // add inside compute: a concurrent release must not drop the set this connection is being added to
        connectionsByUser.compute(userId, (id, connections) -> {
            Set<Connection> joined = connections != null ? connections : ConcurrentHashMap.newKeySet();
            joined.add(connection);
            return joined;
        });
        AtomicInteger open = openByTransport.computeIfAbsent(connection.transport(), name -> new AtomicInteger());
        open.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        // registered first, then handed the current count: a count published in between arrives twice, never zero times
        connection.deliver(latest(userId));
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(userId, connection);
                open.decrementAndGet();
            }
        };
    }

    /** Open connections per transport name; transports that never had one are absent. */
    public Map<String, Integer> openConnections() {
        Map<String, Integer> counts = new TreeMap<>();
        openByTransport.forEach((transport, open) -> counts.put(transport, open.get()));
        return counts;
    }

    /** The user's open connections per transport name, as the next {@link #publish} would reach them. */
    public Map<String, Integer> openConnections(String userId) {
        Set<Connection> connections = connectionsByUser.get(userId);
        if (connections == null) {
            return Map.of();
        }
        Map<String, Integer> counts = new TreeMap<>();
        connections.forEach(connection -> counts.merge(connection.transport(), 1, Integer::sum));
        return counts;
    }

    /** Ends every open connection: each is released through its own subscription as it closes. */
    public void closeAll() {
        connectionsByUser.values().forEach(connections -> List.copyOf(connections).forEach(Connection::close));
    }

    private void release(String userId, Connection connection) {
        connectionsByUser.computeIfPresent(userId, (id, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }
}
