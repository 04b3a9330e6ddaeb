package dev.reddot.publisher.mqtt;

import dev.reddot.protocol.CountEvent;

/** A count to publish, and how. */
public record Publication(CountEvent event, Delivery delivery) {
}
