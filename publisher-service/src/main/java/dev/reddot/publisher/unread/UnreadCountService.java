package dev.reddot.publisher.unread;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;
import dev.reddot.publisher.mqtt.Delivery;

/** Reads a user's count, and sets it directly for systems that keep their messages elsewhere. */
@Service
public class UnreadCountService {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountService.class);

    private final UnreadCountStore store;
    private final UnreadCounter counter;
    private final GroupCommit groupCommit;

    UnreadCountService(UnreadCountStore store, UnreadCounter counter, GroupCommit groupCommit) {
        this.store = store;
        this.counter = counter;
        this.groupCommit = groupCommit;
    }

    @Transactional(readOnly = true)
    public CountEvent current(String userId) {
        Ids.requireValid(userId);
        return store.find(userId).orElseGet(() -> CountEvent.initial(userId));
    }

    /** Commits the count with its publication queued in the outbox; the broker gets it once it is reachable. */
    public CountEvent set(String userId, long count, Delivery delivery) {
        Ids.requireValid(userId);
        CountEvent event = groupCommit.run(userId, () -> counter.change(counter.lock(userId), count, delivery));
        log.debug("Set {} at QoS {} retain={}", event, delivery.qos(), delivery.retain());
        return event;
    }

    /**
     * Applies the changes in their order in one committed transaction, with their publications queued in the outbox;
     * returns the count after each change. A user changed twice takes two seqs; only the newest is published.
     */
    public List<CountEvent> applyAll(List<CountChange> changes, Delivery delivery) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<CountEvent> events = groupCommit.run(changes.stream().map(CountChange::userId).toList(),
                () -> counter.applyAll(changes, delivery));
        log.debug("Applied {} count changes at QoS {} retain={}", events.size(), delivery.qos(), delivery.retain());
        return events;
    }
}
