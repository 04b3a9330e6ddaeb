package dev.reddot.publisher.notification;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;
import dev.reddot.publisher.metrics.PublisherMetrics;
import dev.reddot.publisher.unread.GroupCommit;
import dev.reddot.publisher.unread.UnreadCounter;

/**
 * One user's inbox. Each change locks the user's counter first, then changes the notifications, then the count:
 * concurrent changes of one user are serialized, and the count moves only when a notification really changed.
 */
@Service
public class NotificationService {

    private final NotificationStore store;
    private final UnreadCounter counter;
    private final PublisherMetrics metrics;
    private final GroupCommit groupCommit;
    private final Clock clock = Clock.systemUTC();

    NotificationService(NotificationStore store, UnreadCounter counter, PublisherMetrics metrics,
                        GroupCommit groupCommit) {
        this.store = store;
        this.counter = counter;
        this.metrics = metrics;
        this.groupCommit = groupCommit;
    }

    /** Stores the notification and adds one to the user's count; joins the caller's transaction if any. */
    public Notification create(String userId, NewNotification content) {
        Ids.requireValid(userId);
        Notification created = groupCommit.run(userId, () -> {
            CountEvent count = counter.lock(userId);
            Notification stored = store.insert(userId, content, clock.millis());
            counter.change(count, count.count() + 1);
            return stored;
        });
        metrics.notificationsCreated(1);
        return created;
    }

    @Transactional(readOnly = true)
    public NotificationPage page(String userId, boolean unreadOnly, int page, int size) {
        Ids.requireValid(userId);
        List<Notification> found = store.newestFirst(userId, unreadOnly, (long) page * size, size + 1);
        boolean hasMore = found.size() > size;
        return new NotificationPage(hasMore ? found.subList(0, size) : found, page, size, hasMore);
    }

    /** Idempotent: the count goes down only when the notification was unread. */
    public Notification markRead(String userId, long id) {
        Ids.requireValid(userId);
        return groupCommit.run(userId, () -> {
            CountEvent count = counter.lock(userId);
            if (store.markRead(userId, id)) {
                counter.change(count, count.count() - 1);
            }
            return store.find(userId, id);
        }).orElseThrow(() -> new NotificationNotFoundException(userId, id));
    }

    public CountEvent readAll(String userId) {
        Ids.requireValid(userId);
        return groupCommit.run(userId, () -> {
            CountEvent count = counter.lock(userId);
            store.markAllRead(userId);
            return counter.change(count, 0);
        });
    }
}
