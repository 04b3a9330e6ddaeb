package dev.reddot.gateway.hub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;

/**
 * The latest count of every user, and every open connection waiting for the next one. Connections enter and
 * leave only through {@link #subscribe}, which is what keeps {@link #openConnections()} exact, and what lets the
 * hub refuse a connection past {@link ConnectionLimits}.
 */
@Component
public class Hub {

    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();

    private final Map<String, CountEvent> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> connectionsByUser = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openByTransport = new ConcurrentHashMap<>();

    /** A hub that takes any number of connections. */
    public Hub() {
        this(ConnectionLimits.NONE);
    }

    public Hub(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Autowired
    Hub(GatewayProperties properties) {
        this(new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerUser()));
    }

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

    /**
     * Registers a connection and hands it the user's current count at once.
     *
     * @throws ConnectionLimitException when the gateway or the user already holds as many connections as allowed
     */
    public Subscription subscribe(String userId, Connection connection) {
        Ids.requireValid(userId);
        // the total is reserved first and given back if the user's own limit refuses: it never undercounts
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            throw new ConnectionLimitException("The gateway holds its maximum of " + limits.total() + " connections");
        }
        try {
            // add inside compute: a concurrent release must not drop the set this connection is being added to,
            // and two connections of one user cannot both take the user's last place
            connectionsByUser.compute(userId, (id, connections) -> {
                Set<Connection> joined = connections != null ? connections : ConcurrentHashMap.newKeySet();
                if (joined.size() >= limits.perUser()) {
                    throw new ConnectionLimitException(
                            "User " + userId + " already holds the maximum of " + limits.perUser() + " connections");
                }
                joined.add(connection);
                return joined;
            });
        } catch (ConnectionLimitException refused) {
            open.decrementAndGet();
            throw refused;
        }
        AtomicInteger openOfTransport = openByTransport.computeIfAbsent(connection.transport(), name -> new AtomicInteger());
        openOfTransport.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        // registered first, then handed the current count: a count published in between arrives twice, never zero times
        connection.deliver(latest(userId));
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(userId, connection);
                openOfTransport.decrementAndGet();
                open.decrementAndGet();
            }
        };
    }

    /**
     * Checks, without taking a place, that one more connection of the user would be admitted now: for a transport
     * that must answer before it subscribes (a WebSocket upgrade). {@link #subscribe} still decides.
     *
     * @throws ConnectionLimitException when it would be refused
     */
    public void requireRoomFor(String userId) {
        if (open.get() >= limits.total()) {
            throw new ConnectionLimitException("The gateway holds its maximum of " + limits.total() + " connections");
        }
        Set<Connection> connections = connectionsByUser.get(userId);
        if (connections != null && connections.size() >= limits.perUser()) {
            throw new ConnectionLimitException(
                    "User " + userId + " already holds the maximum of " + limits.perUser() + " connections");
        }
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
