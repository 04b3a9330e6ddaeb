package dev.reddot.publisher.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code reddot.api.*}: limits of the publisher's HTTP API.
 *
 * @param maxBodySize the largest request body {@code /api/**} reads; a larger one is refused with 413 problem
 *                    details before any of it is parsed (every documented body is well under a kilobyte)
 */
@ConfigurationProperties("reddot.api")
public record ApiProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
