package dev.reddot.gateway.hub;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.reddot.protocol.CountEvent;

/**
 * A user the gateway serves: their open connections, their latest count (none yet while the retained one is on its
 * way) and, once the last connection has left, how long they are kept for one that comes back.
 */
final class ServedUser {

    private final String userId;
    private final Set<Transport> connections = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CountEvent> latest;
    private final CompletableFuture<CountEvent> known = new CompletableFuture<>();
    /** {@link System#nanoTime()} until which the user is kept without connections; read and set inside the hub's compute. */
    private long lingerUntilNanos;

    /** @param current the count known now, or null when it is still to come from the feed */
    ServedUser(String userId, CountEvent current) {
        this.userId = userId;
        this.latest = new AtomicReference<>(current);
        if (current != null) {
            known.complete(current);
        }
    }

    String userId() {
        return userId;
    }

    Set<Transport> connections() {
        return connections;
    }

    /** The latest count, or null while none has arrived. */
    CountEvent latest() {
        return latest.get();
    }

    /** Completes with the latest count as soon as one is known. */
    CompletableFuture<CountEvent> current() {
        return known.thenApply(first -> latest.get());
    }

    /** Keeps the count if it is newer than the one held; whether it was. */
    boolean offer(CountEvent event) {
        CountEvent kept = latest.accumulateAndGet(event, (held, arrived) -> arrived.isNewerThan(held) ? arrived : held);
        if (kept != event) {
            return false;
        }
        known.complete(event);
        return true;
    }

    /**
     * The feed had no count for the user within the wait: they have none (count 0, seq 0) unless one arrived
     * meanwhile; whether that initial count was taken.
     */
    boolean settleWithoutCount() {
        CountEvent initial = CountEvent.initial(userId);
        if (!latest.compareAndSet(null, initial)) {
            return false;
        }
        known.complete(initial);
        return true;
    }

    void lingerUntil(long nanos) {
        lingerUntilNanos = nanos;
    }

    boolean lingerOver(long nowNanos) {
        return nowNanos - lingerUntilNanos >= 0;
    }
}
