package dev.reddot.publisher.unread;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;
import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.PublishProperties;
import dev.reddot.publisher.outbox.CountOutbox;

/**
 * The per-user counter, for the features that change it. Every method joins the caller's transaction: a
 * change and its queued publication (the outbox row) commit together, with whatever else the caller changed.
 * Lock the user first, then change what the count depends on, then the count.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class UnreadCounter {

    private final UnreadCountStore store;
    private final CountOutbox outbox;
    private final Delivery defaultDelivery;
    private final Clock clock = Clock.systemUTC();

    UnreadCounter(UnreadCountStore store, CountOutbox outbox, PublishProperties publishing) {
        this.store = store;
        this.outbox = outbox;
        this.defaultDelivery = publishing.deliveryOf(null, null);
    }

    /** Makes the user known (a broadcast reaches them) without changing or publishing their count. */
    public void register(String userId) {
        store.ensureExists(Ids.requireValid(userId));
    }

    /** The user's current count, locked until the transaction ends; registers an unknown user. */
    public CountEvent lock(String userId) {
        LockedCounts counts = lockedCounts();
        CountEvent current = counts.get(userId);
        if (current == null) {
            register(userId);
            current = store.lock(userId);
            counts.locked(current);
        }
        return current;
    }

    /**
     * Locks the counts of all these users until the transaction ends, in id order; registers the unknown ones. Those
     * this transaction has locked already keep the count it holds, which may not be written yet.
     */
    public void lockAll(SortedSet<String> userIds) {
        userIds.forEach(Ids::requireValid);
        LockedCounts counts = lockedCounts();
        SortedSet<String> notYet = new TreeSet<>();
        userIds.stream().filter(userId -> counts.get(userId) == null).forEach(notYet::add);
        if (!notYet.isEmpty()) {
            store.lockAll(notYet).forEach(counts::locked);
        }
    }

    /**
     * Waits for any fan-out that has locked this user, then keeps the user locked until the transaction ends; an
     * unknown user stays unknown. Leaving a group takes it, so that a fan-out's recipients can only grow meanwhile.
     */
    public void lockIfKnown(String userId) {
        store.lockIfKnown(Ids.requireValid(userId));
    }

    /** The next {@code limit} users of the audience after {@code after}, locked until the transaction ends, by id. */
    public List<String> lockNext(Audience audience, String after, int limit) {
        return store.lockNext(audience, after, limit);
    }

    /**
     * Sets a locked count (never below 0), advances its seq and queues it for publication. The row and the outbox
     * are written when the transaction commits, together with its other changes.
     */
    public CountEvent change(CountEvent locked, long count, Delivery delivery) {
        CountEvent next = next(locked, count, clock.millis());
        lockedCounts().changed(next, delivery);
        return next;
    }

    public CountEvent change(CountEvent locked, long count) {
        return change(locked, count, defaultDelivery);
    }

    /**
     * Applies the changes in their order, each to the count the one before left, and queues the counts for
     * publication; returns the count after each change. Lock the users first, in id order ({@link #lockAll}): a user
     * not locked yet is locked here, in the order of the changes. One call, not one per change: a bulk request
     * carries thousands.
     */
    public List<CountEvent> applyAll(List<CountChange> changes, Delivery delivery) {
        LockedCounts counts = lockedCounts();
        long now = clock.millis();
        List<CountEvent> events = new ArrayList<>(changes.size());
        for (CountChange change : changes) {
            CountEvent current = counts.get(change.userId());
            if (current == null) {
                current = lock(change.userId());
            }
            CountEvent next = next(current, change.applyTo(current.count()), now);
            counts.changed(next, delivery);
            events.add(next);
        }
        return events;
    }

    /**
     * Adds one to the count of every user of the audience, who must be locked, and queues the counts for
     * publication: a statement each. Returns how many counts changed.
     */
    public int incrementAll(Audience audience) {
        LockedCounts counts = lockedCounts();
        counts.flush();
        int changed = store.incrementAll(audience, clock.millis());
        counts.forget();
        outbox.appendCountsOf(audience, defaultDelivery);
        return changed;
    }

    /** Writes this transaction's changed counts and their outbox rows now. */
    public void flush() {
        lockedCounts().flush();
    }

    private LockedCounts lockedCounts() {
        return LockedCounts.ofTransaction(this::write);
    }

    private void write(List<LockedCounts.Change> changes) {
        store.updateAll(changes.stream().map(LockedCounts.Change::event).toList());
        changes.stream()
                .collect(Collectors.groupingBy(LockedCounts.Change::delivery, LinkedHashMap::new,
                        Collectors.mapping(LockedCounts.Change::event, Collectors.toList())))
                .forEach((delivery, events) -> outbox.append(events, delivery));
    }

    private static CountEvent next(CountEvent locked, long count, long now) {
        return new CountEvent(locked.userId(), Math.max(0, count), locked.seq() + 1, now);
    }
}
