package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.reddot.simulator.mqtt.AsyncMqttClient;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;

/**
 * One throughput measurement: P publishers → S subscribers on one topic set. {@code bench throughput} runs it, and
 * {@code bench rest} runs it at QoS 1 as the broker's own reference figure.
 *
 * @param clientOptions the options of a client, by client id (credentials included)
 */
record ThroughputRun(MqttConnector connector, Function<String, MqttClientOptions> clientOptions, int qos,
                     int publishers, int subscribers, int messages, int payloadBytes, Duration drainTimeout) {

    /** Publishes a publisher has under way at once; beyond it waits, so QoS 0 cannot buffer without limit. */
    private static final int WINDOW = 1000;

    ThroughputFigures measure() throws Exception {
        String run = BenchArguments.runId();
        String topicPrefix = "bench/throughput/" + run + "/";
        List<DeliveryTally> tallies = new ArrayList<>();
        List<MqttClientOptions> subscriberOptions = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            subscriberOptions.add(clientOptions.apply("bench-sub-" + run + "-" + i));
            tallies.add(new DeliveryTally(publishers));
        }
        ClientGroup subscriberGroup = ClientGroup.connect("subscribers", connector, subscriberOptions,
                options -> tallies.get(subscriberOptions.indexOf(options))::record).requireAll();
        subscriberGroup.subscribe(i -> topicPrefix + "+", qos, Duration.ofSeconds(30));
        List<MqttClientOptions> publisherOptions = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            publisherOptions.add(clientOptions.apply("bench-pub-" + run + "-" + i));
        }
        ClientGroup publisherGroup = ClientGroup.connect("publishers", connector, publisherOptions,
                options -> message -> { }).requireAll();

        long start = System.nanoTime();
        LongAdder failures = publishAll(publisherGroup.clients(), topicPrefix);
        long published = System.nanoTime();
        long expected = (long) publishers * messages * subscribers;
        Deliveries.await(() -> tallies.stream().mapToLong(DeliveryTally::unique).sum(), expected, drainTimeout);
        long lastDelivery = tallies.stream().mapToLong(DeliveryTally::lastNanos).max().orElse(published);

        long sent = (long) publishers * messages - failures.sum();
        ThroughputFigures figures = new ThroughputFigures(connector.target().toString(), qos, publishers,
                subscribers, messages, Math.max(DeliveryTally.HEADER_BYTES, payloadBytes), sent, failures.sum(),
                sent * subscribers, tallies.stream().mapToLong(DeliveryTally::unique).sum(),
                tallies.stream().mapToLong(DeliveryTally::duplicates).sum(),
                Duration.ofNanos(published - start), Duration.ofNanos(Math.max(lastDelivery, published) - start));
        publisherGroup.disconnect(Duration.ofSeconds(10));
        subscriberGroup.disconnect(Duration.ofSeconds(10));
        return figures;
    }

    /** Each publisher on its own thread, as fast as its window of unacknowledged publishes allows. */
    private LongAdder publishAll(List<AsyncMqttClient> clients, String topicPrefix) throws Exception {
        LongAdder failures = new LongAdder();
        ExecutorService threads = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < clients.size(); p++) {
                AsyncMqttClient client = clients.get(p);
                int publisher = p;
                running.add(threads.submit(() -> {
                    publish(client, publisher, topicPrefix + publisher, failures);
                    return null;
                }));
            }
            for (Future<?> publisher : running) {
                publisher.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return failures;
    }

    private void publish(AsyncMqttClient client, int publisher, String topic, LongAdder failures)
            throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        for (int seq = 0; seq < messages; seq++) {
            window.acquire();
            client.publish(topic, DeliveryTally.payload(publisher, seq, payloadBytes), qos, false)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            failures.increment();
                        }
                        window.release();
                    });
        }
        window.acquire(WINDOW);
    }
}
