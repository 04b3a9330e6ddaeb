package dev.reddot.publisher.resync;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.PublishProperties;
import dev.reddot.publisher.outbox.CountOutbox;
import dev.reddot.protocol.Ids;
import dev.reddot.protocol.ResyncRequest;
import dev.reddot.publisher.unread.Audience;

/**
 * Queues current counts for publication again, with their own {@code seq}: every user's for a gateway that
 * subscribes to every count, those of the users named for a gateway that subscribes per user. Subscribers that had a
 * count already ignore it, a gateway that (re)subscribed on a node without the retained copies learns it. Requests
 * that arrive together cost about one publication per user, since the relay publishes only the newest pending count
 * of each user in a batch.
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
    public void requested(ResyncRequest request) {
        String requester = Ids.isValid(request.requester()) ? request.requester() : "a client";
        if (request.everyUser()) {
            outbox.appendCountsOf(Audience.EVERYONE, delivery);
            log.info("Every count queued for publication again, as {} asked", requester);
        } else if (!request.userIds().isEmpty()) {
            outbox.appendCountsOf(new Audience("user_id IN (:resyncUsers)", Map.of("resyncUsers", request.userIds())),
                    delivery);
            log.debug("The counts of {} users queued for publication again, as {} asked", request.userIds().size(),
                    requester);
        }
    }
}
