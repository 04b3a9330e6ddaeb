package dev.reddot.publisher.notification;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.metrics.PublisherMetrics;
import dev.reddot.publisher.unread.UnreadCounter;

/**
 * Delivers one notification to many users, a batch of recipients per transaction: each batch stores the
 * notifications, adds one to each count and queues the counts for publication, a statement each. A batch
 * that commits is delivered whatever happens to the next one.
 */
@Service
public class FanOut {

    /** Pages through recipients in user id order: the ids after {@code after}, at most {@code limit} of them. */
    @FunctionalInterface
    public interface Recipients {
        List<String> after(String after, int limit);
    }

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
    public int deliver(NewNotification content, Recipients recipients) {
        int delivered = 0;
        String after = "";
        List<String> batch;
        do {
            batch = recipients.after(after, batchSize);
            if (!batch.isEmpty()) {
                delivered += deliverBatch(batch, content);
                after = batch.get(batch.size() - 1);
            }
        } while (batch.size() == batchSize);
        return delivered;
    }

    private int deliverBatch(List<String> userIds, NewNotification content) {
        Integer delivered = transactions.execute(status -> {
            // only users whose counter row exists are locked and notified: every recipient source yields known users
            List<CountEvent> locked = counter.lockAll(userIds);
            store.insertAll(locked.stream().map(CountEvent::userId).toList(), content, clock.millis());
            counter.incrementAll(locked);
            metrics.notificationsCreated(locked.size());
            return locked.size();
        });
        return delivered == null ? 0 : delivered;
    }
}
