package dev.reddot.publisher.unread;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;
import dev.reddot.publisher.mqtt.CountPublisher;

/** Changes a user's unread count and publishes the new count with the next seq. */
@Service
public class UnreadCountService {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountService.class);

    private final UnreadCountStore store;
    private final CountPublisher publisher;
    private final Clock clock;

    UnreadCountService(UnreadCountStore store, CountPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    public CountEvent current(String userId) {
        Ids.requireValid(userId);
        return store.find(userId).orElseGet(() -> CountEvent.initial(userId));
    }

    /**
     * Publishes inside the transaction: when the broker cannot take the count, the change is rolled back
     * and the caller learns it, rather than the store and the broker parting ways.
     */
    @Transactional
    public CountEvent set(String userId, long count, Delivery delivery) {
        Ids.requireValid(userId);
        CountEvent event = store.set(userId, count, clock.millis());
        publisher.publish(event, delivery);
        log.debug("Published {} at QoS {} retain={}", event, delivery.qos(), delivery.retain());
        return event;
    }
}
