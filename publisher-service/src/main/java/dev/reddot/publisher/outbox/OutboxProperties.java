package dev.reddot.publisher.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.outbox.*}: how the relay publishes pending counts.
 *
 * @param batchSize    outbox rows read, published and removed per relay transaction
 * @param pollInterval how often the relay looks for rows it was not told about: those another instance wrote,
 *                     and those left while the broker was unreachable
 * @param republishOnStart counts changed this long before a start are published again when the relay starts: a
 *                     broker that went down with the process may have lost them although it acknowledged them
 *                     (the embedded broker writes its store every 30 s), and the outbox no longer has them
 */
@ConfigurationProperties("reddot.outbox")
public record OutboxProperties(@DefaultValue("5000") int batchSize, @DefaultValue("1s") Duration pollInterval,
                               @DefaultValue("2m") Duration republishOnStart) {

    public OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("reddot.outbox.batch-size must be at least 1: " + batchSize);
        }
    }
}
