package dev.reddot.publisher.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code reddot.api.*}: limits of the publisher's HTTP API.
 *
 * @param maxBodySize     the largest request body {@code /api/**} reads; a larger one is refused with 413 problem
 *                        details before any of it is parsed (every documented body is well under a kilobyte)
 * @param maxBulkChanges  the most changes one {@code POST /api/counts} may carry; more are refused with 413
 * @param maxBulkBodySize the largest body of {@code POST /api/counts}, instead of {@code max-body-size}: a change
 *                        takes at most ~100 bytes (a 64-character id and a ten-digit increment), so the default
 *                        fits 10,000 of them, even with some white space
 */
@ConfigurationProperties("reddot.api")
public record ApiProperties(@DefaultValue("64KB") DataSize maxBodySize,
                            @DefaultValue("10000") int maxBulkChanges,
                            @DefaultValue("2MB") DataSize maxBulkBodySize) {

    public ApiProperties {
        if (maxBulkChanges < 1) {
            throw new IllegalArgumentException("reddot.api.max-bulk-changes must be at least 1");
        }
    }
}
