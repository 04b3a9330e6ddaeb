package dev.reddot.publisher.outbox;

import dev.reddot.publisher.mqtt.Publication;

/** An outbox row: a committed count the broker has not acknowledged yet. */
record PendingCount(long id, Publication publication) {
}
