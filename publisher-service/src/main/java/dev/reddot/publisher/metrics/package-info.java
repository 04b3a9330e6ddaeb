/**
 * The publisher's metrics (Micrometer, {@code reddot_publisher_*} in Prometheus): counts published, outbox backlog,
 * notifications created.
 */
package dev.reddot.publisher.metrics;
