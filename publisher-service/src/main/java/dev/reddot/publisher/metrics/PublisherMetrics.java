package dev.reddot.publisher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.reddot.protocol.MeterNames;

/**
 * {@code reddot_publisher_counts_published_total}: counts the broker acknowledged (a count published again after a
 * failure or a restart counts again); {@code reddot_publisher_notifications_total}: notifications created, one per
 * recipient of a group or broadcast notification (not {@code _created_total}: Prometheus reserves that suffix).
 */
@Component
public class PublisherMetrics {

    private final Counter countsPublished;
    private final Counter notificationsCreated;

    PublisherMetrics(MeterRegistry registry) {
        countsPublished = Counter.builder(MeterNames.PUBLISHER_COUNTS_PUBLISHED)
                .description("Counts published to the broker and acknowledged by it").register(registry);
        notificationsCreated = Counter.builder(MeterNames.PUBLISHER_NOTIFICATIONS)
                .description("Notifications created").register(registry);
    }

    public void countsPublished(int counts) {
        countsPublished.increment(counts);
    }

    /** Counted when the caller's transaction commits, if there is one: a rolled back notification was never made. */
    public void notificationsCreated(int notifications) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            notificationsCreated.increment(notifications);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                notificationsCreated.increment(notifications);
            }
        });
    }
}
