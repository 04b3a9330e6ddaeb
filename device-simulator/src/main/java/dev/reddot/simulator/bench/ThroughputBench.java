package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import dev.reddot.simulator.MqttTargetOptions;
import dev.reddot.simulator.mqtt.AsyncMqttClient;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench throughput}: P publishers → S subscribers on one topic set, deliveries per second end to end. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "P publishers each send M messages to their own topic under bench/throughput/<run>/; S "
                + "subscribers receive them all through bench/throughput/<run>/+. Reports deliveries per second, "
                + "lost and duplicate deliveries.")
final class ThroughputBench implements Callable<Integer> {

    /** Publishes a publisher has under way at once; beyond it waits, so QoS 0 cannot buffer without limit. */
    private static final int WINDOW = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    MqttTargetOptions mqtt;

    @Option(names = "--publishers", defaultValue = "4", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Option(names = "--subscribers", defaultValue = "1", paramLabel = "S", description = "Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1|2", description = "Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--messages", defaultValue = "10000", paramLabel = "M",
            description = "Messages per publisher (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--payload-bytes", defaultValue = "64", paramLabel = "B",
            description = "Payload size, at least 8 (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--drain-timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "Give up waiting for deliveries after this long without one (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Override
    public Integer call() throws Exception {
        BenchArguments.require(spec, publishers >= 1 && subscribers >= 1 && messages >= 1,
                "--publishers, --subscribers and --messages must be at least 1");
        BenchArguments.require(spec, qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        String run = BenchArguments.runId();
        String topicPrefix = "bench/throughput/" + run + "/";
        List<DeliveryTally> tallies = new ArrayList<>();
        try (MqttConnector connector = mqtt.connector()) {
            List<MqttClientOptions> subscriberOptions = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                subscriberOptions.add(mqtt.clientOptions("bench-sub-" + run + "-" + i));
                tallies.add(new DeliveryTally(publishers));
            }
            ClientGroup subscriberGroup = ClientGroup.connect("subscribers", connector, subscriberOptions,
                    options -> tallies.get(subscriberOptions.indexOf(options))::record).requireAll();
            subscriberGroup.subscribe(i -> topicPrefix + "+", qos, Duration.ofSeconds(30));
            List<MqttClientOptions> publisherOptions = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                publisherOptions.add(mqtt.clientOptions("bench-pub-" + run + "-" + i));
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
            figures.report().print(spec.commandLine().getOut());
            return 0;
        }
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
