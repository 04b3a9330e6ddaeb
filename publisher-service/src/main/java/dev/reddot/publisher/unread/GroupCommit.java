package dev.reddot.publisher.unread;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the count changes of many requests in one transaction, and answers each when that transaction has committed.
 * A commit is the expensive part of a change (the embedded database writes a chunk of its file each time), so a
 * thousand changes a second cost a few dozen commits instead of a thousand. A 200 still means committed.
 *
 * <p>One writer thread takes whatever waits when its previous batch commits, up to {@code max-batch} count changes
 * (a bulk request's change counts as its entries). It first locks the counter rows of every user in the batch in user
 * id order, as fan-outs do, so that a batch and a fan-out (or another instance's batch) do not deadlock over existing
 * users; then it runs the changes in the order they came, so one user's changes take their seqs in order. When one
 * change fails, the batch is rolled back and each change runs again in a transaction of its own, its users locked in
 * id order too: only the failing one fails. One that the database ended to break a deadlock (possible while users are
 * created) runs again. A change must therefore do nothing but database work.
 *
 * <p>A caller already inside a transaction (a device alert that creates a notification) runs its change there; so does
 * every caller when group commit is off, each in a transaction of its own.
 */
@Component
public class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private static final long STOP_CHECK_MILLIS = 100;
    /** Runs of a change the database ended to break a deadlock, the first included. */
    static final int ATTEMPTS = 3;

    private final TransactionTemplate transactions;
    private final UnreadCounter counter;
    private final GroupCommitProperties properties;
    private final BlockingQueue<Change<?>> waiting;
    private volatile Thread writer;

    GroupCommit(TransactionTemplate transactions, UnreadCounter counter, GroupCommitProperties properties) {
        this.transactions = transactions;
        this.counter = counter;
        this.properties = properties;
        this.waiting = new ArrayBlockingQueue<>(properties.queue());
    }

    /**
     * Runs {@code work}, which changes the counts of {@code userIds} (a user once per change of their count), in a
     * committed transaction, the users locked in id order first; returns its result.
     */
    public <T> T run(Collection<String> userIds, Supplier<T> work) {
        Change<T> change = new Change<>(List.copyOf(userIds), work, new CompletableFuture<>());
        if (TransactionSynchronizationManager.isActualTransactionActive() || writer == null) {
            return runAlone(change);
        }
        try {
            waiting.put(change);
            return change.result().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the count change to commit", e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public <T> T run(String userId, Supplier<T> work) {
        return run(List.of(userId), work);
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        Thread thread = new Thread(this::write, "group-commit");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = writer;
        writer = null;
        if (running != null) {
            // never interrupted: an interrupt inside a file write closes the embedded database's file channel
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // whoever still waits gets an answer: their changes run on their own threads
        List<Change<?>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(this::commitAlone);
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    /** Before the outbox relay (100) and the web server: requests find the writer running, and it stops last. */
    @Override
    public int getPhase() {
        return 50;
    }

    private void write() {
        List<Change<?>> batch = new ArrayList<>(properties.maxBatch());
        while (writer == Thread.currentThread()) {
            try {
                Change<?> first = waiting.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            takeWaiting(batch);
            commit(batch);
            batch.clear();
        }
    }

    /**
     * Adds the waiting changes to the batch while they fit into {@code max-batch} count changes. A bulk change counts
     * as many as it changes: one larger than {@code max-batch} is committed in a batch of its own.
     */
    private void takeWaiting(List<Change<?>> batch) {
        int size = batch.get(0).size();
        Change<?> next;
        // this thread alone takes from the queue while it runs (stop() drains it only after): it polls what it peeked
        while ((next = waiting.peek()) != null && size + next.size() <= properties.maxBatch()) {
            Change<?> taken = waiting.poll();
            if (taken == null) {
                return;
            }
            batch.add(taken);
            size += taken.size();
        }
    }

    private void commit(List<Change<?>> batch) {
        List<Object> results;
        try {
            results = transactions.execute(status -> {
                TreeSet<String> users = new TreeSet<>();
                batch.forEach(change -> users.addAll(change.userIds()));
                counter.lockAll(users);
                List<Object> done = new ArrayList<>(batch.size());
                batch.forEach(change -> done.add(change.work().get()));
                counter.flush();
                return done;
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1 && !(e instanceof PessimisticLockingFailureException)) {
                batch.get(0).result().completeExceptionally(e);
            } else {
                log.debug("A batch of {} count changes failed; each runs alone", batch.size(), e);
                batch.forEach(this::commitAlone);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    private void commitAlone(Change<?> change) {
        try {
            complete(change, runAlone(change));
        } catch (RuntimeException e) {
            change.result().completeExceptionally(e);
        }
    }

    /**
     * Runs one change in a transaction of its own, or in the caller's; its users locked in id order first. A
     * transaction of its own that the database ended to break a deadlock runs again, up to {@link #ATTEMPTS} times.
     * Locking in id order does not rule deadlocks out where users are created: a row that another transaction inserted
     * meanwhile is skipped by the insert ({@code ON CONFLICT DO NOTHING}), and locked only after the rows inserted.
     */
    private <T> T runAlone(Change<T> change) {
        boolean own = !TransactionSynchronizationManager.isActualTransactionActive();
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    counter.lockAll(new TreeSet<>(change.userIds()));
                    T result = change.work().get();
                    counter.flush();
                    return result;
                });
            } catch (PessimisticLockingFailureException e) {
                if (!own || attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("A change of {} users was ended by the database to break a deadlock; running it again ({})",
                        change.userIds().size(), e.getMostSpecificCause().getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Change<T> change, Object result) {
        change.result().complete((T) result);
    }

    /** A request's change: the users whose counts {@code work} changes, once per count change. */
    private record Change<T>(List<String> userIds, Supplier<T> work, CompletableFuture<T> result) {

        int size() {
            return userIds.size();
        }
    }
}
