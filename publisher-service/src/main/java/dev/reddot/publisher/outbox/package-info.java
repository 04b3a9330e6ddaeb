/**
 * The transactional outbox: counts are queued in the transaction that changes them, and a relay publishes them.
 */
package dev.reddot.publisher.outbox;
