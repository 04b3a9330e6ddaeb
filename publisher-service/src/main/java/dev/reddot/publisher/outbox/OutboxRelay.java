package dev.reddot.publisher.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.reddot.publisher.mqtt.CountPublisher;
import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.PublishProperties;
import dev.reddot.publisher.mqtt.Publication;

/**
 * Publishes the outbox, oldest first, and removes what the broker acknowledged. Runs on one thread, one
 * transaction per batch: rows are removed only after the broker has acknowledged them, so a crash or a lost
 * connection means publishing again (same seq, harmless), never losing a count. Starts with whatever is pending.
 *
 * <p>Only a user's newest count matters to subscribers, so a batch publishes just the highest seq of each user.
 * An older seq can never follow a newer one: a user's next seq is committed only after the previous one (the
 * counter row is locked until commit), and batches run one after the other, across instances too.
 *
 * <p>Before its first batch it publishes again every count changed shortly before the start
 * ({@code reddot.outbox.republish-on-start}): after a crash, the broker may have lost counts it had acknowledged
 * (the embedded one writes its store every 30 s) while their outbox rows were already gone. Same seq again is
 * harmless; newer changes follow on the same connection, so they stay the last word.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final CountOutbox outbox;
    private final CountPublisher publisher;
    private final TransactionTemplate transactions;
    private final RelayWakeUp wakeUp;
    private final OutboxProperties properties;
    private final PublishProperties defaults;
    private volatile Thread thread;
    private boolean failing;
    private boolean recentCountsRepublished;
    private volatile long startedAt;

    OutboxRelay(CountOutbox outbox, CountPublisher publisher, TransactionTemplate transactions, RelayWakeUp wakeUp,
                OutboxProperties properties, PublishProperties defaults, Mqttv5ClientManager publisherMqttClient) {
        this.defaults = defaults;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.wakeUp = wakeUp;
        this.properties = properties;
        publisherMqttClient.addCallback(reconnect -> wakeUp.wake());
    }

    @Override
    public void start() {
        startedAt = System.currentTimeMillis();
        Thread relay = new Thread(this::run, "outbox-relay");
        relay.setDaemon(true);
        thread = relay;
        relay.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** After the MQTT client (phase 0) has connected; stops before it disconnects. */
    @Override
    public int getPhase() {
        return 100;
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                drain();
                wakeUp.await(properties.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drain() {
        if (!publisher.isConnected()) {
            return;
        }
        try {
            if (!recentCountsRepublished) {
                republishRecentCounts();
                recentCountsRepublished = true;
            }
            while (relayBatch() == properties.batchSize() && !Thread.currentThread().isInterrupted()) {
                // a full batch: there may be more
            }
            if (failing) {
                log.info("Broker acknowledges counts again; the outbox is drained");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Counts stay in the outbox until the broker takes them: {}", e.getMessage());
                failing = true;
            } else {
                log.debug("Counts still not published", e);
            }
        }
    }

    private void republishRecentCounts() {
        // counts changed since the start have outbox rows of their own: only those from before are published again
        long since = startedAt - properties.republishOnStart().toMillis();
        Delivery delivery = new Delivery(defaults.defaultQos(), defaults.defaultRetain());
        List<Publication> recent = outbox.countsChangedBetween(since, startedAt).stream()
                .map(count -> new Publication(count, delivery)).toList();
        if (!recent.isEmpty()) {
            publisher.publishAll(recent);
            log.info("Published again the {} counts changed in the {} before this start", recent.size(),
                    properties.republishOnStart());
        }
    }

    /** One transaction: read a batch, publish it, remove it. Returns the number of rows read. */
    int relayBatch() {
        Integer relayed = transactions.execute(status -> {
            outbox.lockRelay();
            List<PendingCount> pending = outbox.oldest(properties.batchSize());
            if (!pending.isEmpty()) {
                publisher.publishAll(newestPerUser(pending));
                outbox.remove(pending);
            }
            return pending.size();
        });
        return relayed == null ? 0 : relayed;
    }

    static List<Publication> newestPerUser(List<PendingCount> oldestFirst) {
        Map<String, Publication> newest = new LinkedHashMap<>();
        for (PendingCount pending : oldestFirst) {
            newest.merge(pending.publication().event().userId(), pending.publication(),
                    (kept, candidate) -> candidate.event().seq() > kept.event().seq() ? candidate : kept);
        }
        return new ArrayList<>(newest.values());
    }
}
