package dev.reddot.publisher.unread;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.group-commit.*}: how count changes share transactions.
 *
 * @param enabled  {@code false} gives each change a transaction of its own, on the request's thread
 * @param maxBatch count changes committed together at most; a batch takes whatever waits when the previous one
 *                 commits, a bulk request counting as its entries (a larger one commits in a batch of its own)
 * @param queue    changes waiting for a batch at most; a request beyond it waits for room
 */
@ConfigurationProperties("reddot.group-commit")
public record GroupCommitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") int maxBatch,
                                    @DefaultValue("10000") int queue) {

    public GroupCommitProperties {
        if (maxBatch < 1 || queue < 1) {
            throw new IllegalArgumentException("reddot.group-commit.max-batch and .queue must be at least 1");
        }
    }
}
