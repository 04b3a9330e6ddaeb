package dev.reddot.simulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.protocol.CountProperties;
import dev.reddot.protocol.Ids;
import dev.reddot.protocol.Topics;
import dev.reddot.simulator.http.SseStream;
import dev.reddot.simulator.mqtt.AsyncMqttClient;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import dev.reddot.simulator.mqtt.MqttProtocol;
import dev.reddot.simulator.mqtt.MqttUrl;
import dev.reddot.simulator.report.LatencyRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench gateway}: the broker → SSE part of the count path alone. N users each hold an SSE stream; one MQTT
 * client publishes count changes straight to the broker, as the publisher does, at a steady rate spread at random over
 * the users, and the benchmark measures publish → event latency and whether every stream ends on its user's latest
 * count.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Opens N SSE streams GET <url>/push/sse/<user>, then publishes count changes to /message/<user> "
                + "on the broker (MQTT 5, QoS 1, retained, user properties seq and ts, as the publisher does) at "
                + "--rate changes/s for --duration, each to a random user. Reports publish → SSE event latency, "
                + "changes superseded before they were sent (the latest count wins) and streams that did not end "
                + "on their user's latest count (lost).")
final class GatewayBench implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GatewayBench.class);

    private static final int OPENING_AT_ONCE = 256;

    private static final int NOTHING_MEASURED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
            description = "The broker the gateway reads, tcp://host:port (default: ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--users", defaultValue = "1000", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--user-prefix", defaultValue = "gw-", paramLabel = "PREFIX",
            description = "User ids are PREFIX1 … PREFIXN (default: ${DEFAULT-VALUE}).")
    String userPrefix;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "N",
            description = "Count changes per second, all users together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "20s", paramLabel = "DURATION",
            description = "How long changes are published and measured (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", paramLabel = "DURATION",
            description = "Changes published at the same rate before the measured ones, not measured "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--token", paramLabel = "JWT",
            description = "An admin token, for the streams (Bearer) and the broker (password).")
    String token;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Longest wait for the streams to open, and for the last changes to arrive after "
                    + "publishing stopped (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        BenchArguments.require(spec, users >= 1 && rate >= 1, "--users and --rate must be at least 1");
        BenchArguments.require(spec, Ids.isValid(userPrefix + users), "user ids must be " + Ids.RULE);
        List<GatewayStreamUser> all = new ArrayList<>(users);
        // seqs above any the publisher or an earlier run used, so that the gateway takes every change as newer
        long firstSeq = System.currentTimeMillis() * 1000;
        for (int i = 1; i <= users; i++) {
            all.add(new GatewayStreamUser(userPrefix + i, firstSeq));
        }
        ExecutorService callbacks = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "gateway-bench");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(callbacks).build();
        MqttUrl broker = MqttUrl.parse(mqttUrl);
        try (MqttConnector connector = new MqttConnector(broker, 1)) {
            long openStart = System.nanoTime();
            List<SseStream> streams = open(http, all);
            Duration connectTime = Duration.ofNanos(System.nanoTime() - openStart);
            List<GatewayStreamUser> connected = all.stream().filter(GatewayStreamUser::isOpen).toList();
            if (connected.isEmpty()) {
                return NOTHING_MEASURED;
            }
            AsyncMqttClient publisher = connector.connect(clientOptions(), message -> { }).get(10, TimeUnit.SECONDS);
            LatencyRecorder latency = new LatencyRecorder();
            connected.forEach(user -> user.measureInto(latency));
            LongAdder publishFailures = new LongAdder();
            publish(publisher, connected, (int) (rate * warmup.toMillis() / 1000), false, publishFailures);
            long measuredStart = System.nanoTime();
            long published = publish(publisher, connected, (int) (rate * duration.toMillis() / 1000), true,
                    publishFailures);
            double achievedRate = published / ((System.nanoTime() - measuredStart) / 1e9);
            Deliveries.await(() -> connected.stream().filter(GatewayStreamUser::isUpToDate).count(),
                    connected.size(), timeout);
            publisher.disconnect().get(10, TimeUnit.SECONDS);
            streams.forEach(SseStream::close);
            GatewayFigures figures = new GatewayFigures(url.toString(), users, connected.size(), connectTime, rate,
                    achievedRate, published, publishFailures.sum(),
                    connected.stream().mapToLong(GatewayStreamUser::superseded).sum(),
                    connected.stream().mapToLong(GatewayStreamUser::duplicates).sum(),
                    connected.stream().filter(user -> !user.isUpToDate()).count(), latency.percentiles());
            figures.report().print(spec.commandLine().getOut());
            return 0;
        } finally {
            callbacks.shutdownNow();
        }
    }

    private MqttClientOptions clientOptions() {
        MqttClientOptions options = MqttClientOptions.of("bench-gateway-" + BenchArguments.runId(), MqttProtocol.V5);
        return token == null ? options : options.credentials("bench-gateway", token);
    }

    /** Opens every stream and waits for each user's current count; returns the streams that got it. */
    private List<SseStream> open(HttpClient http, List<GatewayStreamUser> all) throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        List<CompletableFuture<SseStream>> pending = new ArrayList<>(all.size());
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        for (GatewayStreamUser user : all) {
            opening.acquire();
            CompletableFuture<SseStream> stream = SseStream.open(http, endpoint("/push/sse/" + user.userId()),
                    headers, user::received);
            stream.whenComplete((opened, failure) -> opening.release());
            pending.add(stream.thenCombine(user.current(), (opened, current) -> opened));
        }
        List<SseStream> streams = new ArrayList<>(pending.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < pending.size(); i++) {
            try {
                streams.add(pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                log.warn("stream of {} did not open: {}", all.get(i).userId(), e.toString());
                all.get(i).skip();
            }
        }
        return streams;
    }

    /** Publishes {@code changes} changes at {@link #rate} per second, each to a random user; returns how many. */
    private long publish(AsyncMqttClient publisher, List<GatewayStreamUser> connected, int changes, boolean measured,
                         LongAdder failures) {
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < changes; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            GatewayStreamUser user = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
            GatewayStreamUser.Change change = user.nextChange(measured);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(CountProperties.SEQ, Long.toString(change.seq()));
            properties.put(CountProperties.TS, Long.toString(System.currentTimeMillis()));
            publisher.publish(Topics.unreadCount(user.userId()),
                            Long.toString(change.count()).getBytes(StandardCharsets.UTF_8), 1, true, properties)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            failures.increment();
                        }
                    });
        }
        return changes;
    }

    private URI endpoint(String path) {
        String text = url.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
