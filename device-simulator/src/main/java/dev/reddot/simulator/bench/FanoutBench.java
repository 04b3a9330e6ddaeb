package dev.reddot.simulator.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.reddot.protocol.Topics;
import dev.reddot.simulator.MqttTargetOptions;
import dev.reddot.simulator.mqtt.AsyncMqttClient;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import dev.reddot.simulator.mqtt.ReceivedMessage;
import dev.reddot.simulator.report.LatencyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench fanout}: the Reddot shape. N users each have a subscriber on {@code /message/<user>}; every round one
 * publisher sends each user a retained count, and the benchmark measures how fast and how late they arrive.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "N subscribers (user-1 … user-N) each on /message/<user>; each round publishes one retained "
                + "count to every user and waits for all deliveries. Reports deliveries per second and end-to-end "
                + "latency p50/p99/max. The retained counts are cleared at the end unless --keep-retained.")
final class FanoutBench implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(FanoutBench.class);

    @Spec
    CommandSpec spec;

    @Mixin
    MqttTargetOptions mqtt;

    @Option(names = "--users", defaultValue = "1000", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "K", description = "Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1", paramLabel = "W",
            description = "Unmeasured rounds first, so that a JVM broker is measured with its code compiled, as it "
                    + "runs in service (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1|2", description = "Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--user-prefix", defaultValue = "user-", paramLabel = "PREFIX",
            description = "User ids are PREFIX1 … PREFIXN (default: ${DEFAULT-VALUE}).")
    String userPrefix;

    @Option(names = "--round-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Longest wait for one round's deliveries (default: ${DEFAULT-VALUE}).")
    Duration roundTimeout;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Publishes per second within a round, spread evenly; 0 sends the whole round at once, as a "
                    + "broadcast does (default: ${DEFAULT-VALUE}). Latency then includes the publisher's own queue.")
    int rate;

    @Option(names = "--keep-retained", description = "Leave the retained counts on the broker.")
    boolean keepRetained;

    @Override
    public Integer call() throws Exception {
        BenchArguments.require(spec, users >= 1 && rounds >= 1, "--users and --rounds must be at least 1");
        BenchArguments.require(spec, warmupRounds >= 0, "--warmup-rounds must be 0 or more");
        BenchArguments.require(spec, rate >= 0, "--rate must be 0 (all at once) or more");
        BenchArguments.require(spec, qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        String run = BenchArguments.runId();
        List<String> userIds = new ArrayList<>(users);
        Map<String, Integer> userIndex = new HashMap<>();
        for (int i = 1; i <= users; i++) {
            String userId = userPrefix + i;
            userIndex.put(Topics.unreadCount(userId), i - 1);
            userIds.add(userId);
        }
        RoundTracker tracker = new RoundTracker(run, users, userIndex, warmupRounds + 1);
        try (MqttConnector connector = mqtt.connector()) {
            long connectStart = System.nanoTime();
            List<MqttClientOptions> subscriberOptions = userIds.stream()
                    .map(userId -> mqtt.clientOptions("bench-" + userId)).toList();
            ClientGroup subscribers = ClientGroup.connect("subscribers", connector, subscriberOptions,
                    options -> tracker::delivered).requireAll();
            subscribers.subscribe(i -> Topics.unreadCount(userIds.get(i)), qos, Duration.ofMinutes(2));
            Duration connectTime = Duration.ofNanos(System.nanoTime() - connectStart);
            AsyncMqttClient publisher = ClientGroup.connect("publisher", connector,
                    List.of(mqtt.clientOptions("bench-fanout-" + run)), options -> message -> { })
                    .requireAll().clients().get(0);

            LongAdder publishFailures = new LongAdder();
            for (int round = 1; round <= warmupRounds; round++) {
                round(publisher, userIds, round, tracker, publishFailures);
            }
            publishFailures.reset();
            long elapsed = 0;
            for (int round = warmupRounds + 1; round <= warmupRounds + rounds; round++) {
                elapsed += round(publisher, userIds, round, tracker, publishFailures);
            }
            FanoutFigures figures = new FanoutFigures(connector.target().toString(), users, rounds, qos,
                    (long) users * rounds, tracker.delivered.get(), tracker.duplicates.sum(), publishFailures.sum(),
                    connectTime, Duration.ofNanos(elapsed), tracker.latency.percentiles());
            if (!keepRetained) {
                clearRetained(publisher, userIds);
            }
            publisher.disconnect().get(10, TimeUnit.SECONDS);
            subscribers.disconnect(Duration.ofSeconds(30));
            figures.report().print(spec.commandLine().getOut());
            return 0;
        }
    }

    /** One retained count to every user; returns the nanoseconds from the first publish to the last delivery. */
    private long round(AsyncMqttClient publisher, List<String> userIds, int round, RoundTracker tracker,
                       LongAdder publishFailures) throws InterruptedException {
        tracker.startRound(round);
        long start = System.nanoTime();
        for (int i = 0; i < userIds.size(); i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            String userId = userIds.get(i);
            String payload = String.format(Locale.ROOT,
                    "{\"userId\":\"%s\",\"unread\":%d,\"seq\":%d,\"run\":\"%s\",\"ts\":%d,\"sentNanos\":%d}",
                    userId, round, round, tracker.run, System.currentTimeMillis(), System.nanoTime());
            publisher.publish(Topics.unreadCount(userId), payload.getBytes(StandardCharsets.UTF_8), qos, true)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            publishFailures.increment();
                        }
                    });
        }
        if (!Deliveries.await(tracker.roundDelivered::get, userIds.size(), roundTimeout)) {
            log.warn("round {}: {} of {} deliveries arrived", round, tracker.roundDelivered.get(), userIds.size());
        }
        return Math.max(tracker.roundLastNanos.get(), start) - start;
    }

    /** An empty retained message removes the retained one: leave the broker as the benchmark found it. */
    private void clearRetained(AsyncMqttClient publisher, List<String> userIds) throws Exception {
        CompletableFuture<?>[] clearing = userIds.stream()
                .map(userId -> publisher.publish(Topics.unreadCount(userId), new byte[0], 1, true))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(clearing).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("not every retained count was cleared within 30 s");
        }
    }

    /**
     * Deliveries of this run (older retained counts are ignored), per round, with their latency; those of the warm-up
     * rounds are awaited but not counted.
     */
    private static final class RoundTracker {

        private final String run;
        private final Map<String, Integer> userIndex;
        private final AtomicIntegerArray lastRound;
        private final AtomicLong delivered = new AtomicLong();
        private final LongAdder duplicates = new LongAdder();
        private final LatencyRecorder latency = new LatencyRecorder();
        private final AtomicLong roundDelivered = new AtomicLong();
        private final AtomicLong roundLastNanos = new AtomicLong();
        private final int firstMeasuredRound;
        private volatile int currentRound;

        RoundTracker(String run, int users, Map<String, Integer> userIndex, int firstMeasuredRound) {
            this.run = run;
            this.firstMeasuredRound = firstMeasuredRound;
            this.userIndex = userIndex;
            this.lastRound = new AtomicIntegerArray(users);
        }

        void startRound(int round) {
            roundDelivered.set(0);
            roundLastNanos.set(0);
            currentRound = round;
        }

        void delivered(ReceivedMessage message) {
            Integer user = userIndex.get(message.topic());
            String payload = message.payloadText();
            if (user == null || !run.equals(JsonFields.text(payload, "run"))) {
                return;
            }
            OptionalLong seq = JsonFields.number(payload, "seq");
            OptionalLong sentNanos = JsonFields.number(payload, "sentNanos");
            if (seq.isEmpty() || sentNanos.isEmpty()) {
                return;
            }
            int round = (int) seq.getAsLong();
            boolean measured = round >= firstMeasuredRound;
            if (lastRound.getAndAccumulate(user, round, Math::max) >= round) {
                if (measured) {
                    duplicates.increment();
                }
                return;
            }
            if (measured) {
                delivered.incrementAndGet();
                latency.record(message.receivedNanos() - sentNanos.getAsLong());
            }
            if (round == currentRound) {
                roundLastNanos.accumulateAndGet(message.receivedNanos(), Math::max);
                roundDelivered.incrementAndGet();
            }
        }
    }
}
