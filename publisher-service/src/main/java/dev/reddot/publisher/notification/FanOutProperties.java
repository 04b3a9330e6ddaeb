package dev.reddot.publisher.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.fan-out.*}: how a notification for a group or for everybody is delivered.
 *
 * @param batchSize recipients per transaction (notification rows, counter updates and outbox rows are
 *                  written as JDBC batches of this size)
 */
@ConfigurationProperties("reddot.fan-out")
public record FanOutProperties(@DefaultValue("1000") int batchSize) {

    public FanOutProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("reddot.fan-out.batch-size must be at least 1: " + batchSize);
        }
    }
}
