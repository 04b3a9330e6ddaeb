package dev.reddot.publisher.notification;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.reddot.publisher.metrics.PublisherMetrics;
import dev.reddot.publisher.unread.Audience;
import dev.reddot.publisher.unread.UnreadCounter;

/**
 * Delivers one notification to many users, a batch of recipients per transaction: each batch locks its users, stores
 * their notifications, adds one to their counts and queues the counts for publication, a statement each. A batch
 * that commits is delivered whatever happens to the next one.
 */
@Service
public class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    /** A user who becomes a recipient in the middle of a batch makes it start over; this many times is a failure. */
    private static final int ATTEMPTS_PER_BATCH = 3;

    private final NotificationStore store;
    private final UnreadCounter counter;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final PublisherMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    FanOut(NotificationStore store, UnreadCounter counter, TransactionTemplate transactions, FanOutProperties properties,
           PublisherMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.counter = counter;
        this.transactions = transactions;
        this.batchSize = properties.batchSize();
    }

    /** Returns the number of users notified. */
    public int deliver(NewNotification content, Audience audience) {
        int delivered = 0;
        String after = "";
        List<String> batch;
        do {
            batch = deliverBatch(content, audience, after);
            if (!batch.isEmpty()) {
                delivered += batch.size();
                after = batch.get(batch.size() - 1);
            }
        } while (batch.size() >= batchSize);
        return delivered;
    }

    /** Returns the ids of the users notified, in order. */
    private List<String> deliverBatch(NewNotification content, Audience audience, String after) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    List<String> locked = counter.lockNext(audience, after, batchSize);
                    if (!locked.isEmpty()) {
                        deliverToLocked(content, audience.between(after, locked.get(locked.size() - 1)), locked.size());
                    }
                    return locked;
                });
            } catch (RecipientsChangedException e) {
                if (attempt == ATTEMPTS_PER_BATCH) {
                    throw e;
                }
                log.debug("Delivering a batch again: {}", e.getMessage());
            }
        }
    }

    /**
     * The statements select the batch's users themselves. A user who became known in its range meanwhile, or joined
     * the group, is not locked and would get a notification without a count or the reverse: every statement must
     * reach the locked users only. Users are never deleted and a member cannot leave while locked
     * ({@link UnreadCounter#lockIfKnown}): recipients can only be added, so the same number means the same users.
     */
    private void deliverToLocked(NewNotification content, Audience batch, int locked) {
        int stored = store.insertForAll(batch, content, clock.millis());
        int counted = counter.incrementAll(batch);
        if (stored != locked || counted != locked) {
            throw new RecipientsChangedException(locked, stored, counted);
        }
        metrics.notificationsCreated(locked);
    }

    /** Rolls a batch back: more users matched its statements than it had locked. */
    static final class RecipientsChangedException extends RuntimeException {
        RecipientsChangedException(int locked, int stored, int counted) {
            super(locked + " users locked, yet " + stored + " notifications stored and " + counted + " counts changed");
        }
    }
}
