package dev.reddot.publisher.resync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.PublishProperties;
import dev.reddot.publisher.outbox.CountOutbox;
import dev.reddot.publisher.unread.Audience;

/**
 * Queues every user's current count for publication again, with its own {@code seq}: subscribers that had it
 * already ignore it, a gateway that reconnected to a node without the retained copies learns it. Requests that
 * arrive together cost about one publication per user, since the relay publishes only the newest pending count of
 * each user in a batch.
 */
@Component
class CountResync {

    private static final Logger log = LoggerFactory.getLogger(CountResync.class);

    private final CountOutbox outbox;
    private final Delivery delivery;

    CountResync(CountOutbox outbox, PublishProperties publish) {
        this.outbox = outbox;
        // QoS 1 whatever the default: a large replay at QoS 0 may be dropped by the broker
        this.delivery = new Delivery(1, publish.defaultRetain());
    }

    @Transactional
    public void requestedBy(String requester) {
        outbox.appendCountsOf(Audience.EVERYONE, delivery);
        log.info("Every count queued for publication again, as {} asked", requester);
    }
}
