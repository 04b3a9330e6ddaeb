package dev.reddot.publisher.unread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.mqtt.Delivery;

/**
 * The counter rows a transaction has locked, and its changes to them, written together by {@link #flush()} at the end
 * of the work. A batch of a group commit changes hundreds of counts: this makes that a few statements instead of three
 * per change. Bound to the transaction: every transaction has its own, gone when it ends; one that would commit with
 * changes never written fails instead.
 */
final class LockedCounts {

    /** A changed count, and how its newest value is to be published. */
    record Change(CountEvent event, Delivery delivery) {
    }

    private final Map<String, CountEvent> locked = new HashMap<>();
    private final Map<String, Change> changed = new LinkedHashMap<>();
    private final Consumer<List<Change>> writer;

    private LockedCounts(Consumer<List<Change>> writer) {
        this.writer = writer;
    }

    /** This transaction's locked counts; {@code writer} writes the changes at {@link #flush()}. */
    static LockedCounts ofTransaction(Consumer<List<Change>> writer) {
        LockedCounts counts = (LockedCounts) TransactionSynchronizationManager.getResource(LockedCounts.class);
        if (counts == null) {
            counts = new LockedCounts(writer);
            TransactionSynchronizationManager.bindResource(LockedCounts.class, counts);
            TransactionSynchronizationManager.registerSynchronization(counts.new WriteBeforeCommit());
        }
        return counts;
    }

    CountEvent get(String userId) {
        return locked.get(userId);
    }

    void locked(CountEvent current) {
        locked.put(current.userId(), current);
    }

    void changed(CountEvent next, Delivery delivery) {
        locked.put(next.userId(), next);
        changed.put(next.userId(), new Change(next, delivery));
    }

    /** Writes the changes now: before a statement that reads or changes counter rows itself. */
    void flush() {
        if (!changed.isEmpty()) {
            List<Change> changes = new ArrayList<>(changed.values());
            changed.clear();
            writer.accept(changes);
        }
    }

    /** Forgets the rows read so far: after a statement changed counter rows itself. */
    void forget() {
        locked.clear();
    }

    private final class WriteBeforeCommit implements TransactionSynchronization {

        @Override
        public void beforeCommit(boolean readOnly) {
            // statements run from here are not part of the commit (they were lost when tried): refuse to commit instead
            if (!changed.isEmpty()) {
                throw new IllegalStateException(changed.size() + " changed counts were never written: call flush()");
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(LockedCounts.class);
        }
    }
}
