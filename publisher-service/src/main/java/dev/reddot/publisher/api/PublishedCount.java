package dev.reddot.publisher.api;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.mqtt.Delivery;

/** Answer to a count change: the count event as published, and how it was published. */
record PublishedCount(String userId, long count, long seq, long ts, int qos, boolean retain) {

    static PublishedCount of(CountEvent event, Delivery delivery) {
        return new PublishedCount(event.userId(), event.count(), event.seq(), event.ts(), delivery.qos(), delivery.retain());
    }
}
