package dev.reddot.simulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.reddot.protocol.Ids;
import dev.reddot.simulator.http.SseStream;
import dev.reddot.simulator.report.LatencyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench sse}: N users each hold an SSE stream on the gateway; each gets one count change through the
 * publisher's REST API, and the benchmark measures how long the change takes to reach the stream.
 */
@Command(name = "sse", mixinStandardHelpOptions = true,
        description = "Opens N SSE streams GET <url>/push/sse/<user>, waits for each user's current count, then "
                + "sets each user's count to one more with PUT <api-url>/api/users/<user>/unread-count and measures "
                + "the latency from PUT to event. With --gateway-pid, the gateway's RSS before and after.")
final class SseBench implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SseBench.class);

    /** Exit code when no stream opened: the figures measure nothing. */
    private static final int NOTHING_MEASURED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "The publisher's base URL (default: the same as --url, as in the all-in-one).")
    URI apiUrl;

    @Option(names = "--users", defaultValue = "100", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--user-prefix", defaultValue = "user-", paramLabel = "PREFIX",
            description = "User ids are PREFIX1 … PREFIXN (default: ${DEFAULT-VALUE}).")
    String userPrefix;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token (an admin token) for both the streams and the API.")
    String token;

    @Option(names = "--gateway-pid", paramLabel = "PID", description = "Measure this process's RSS (the gateway's).")
    Long gatewayPid;

    @Option(names = "--put-concurrency", defaultValue = "16", paramLabel = "N",
            description = "PUT requests under way at once (default: ${DEFAULT-VALUE}).")
    int putConcurrency;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Longest wait for the streams to open, and again for the changes (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        BenchArguments.require(spec, users >= 1 && putConcurrency >= 1,
                "--users and --put-concurrency must be at least 1");
        BenchArguments.require(spec, Ids.isValid(userPrefix + users), "user ids must be " + Ids.RULE);
        URI api = apiUrl == null ? url : apiUrl;
        List<SseUser> sseUsers = new ArrayList<>(users);
        for (int i = 1; i <= users; i++) {
            sseUsers.add(new SseUser(userPrefix + i));
        }
        ExecutorService callbacks = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sse-bench");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(callbacks).build();
        try {
            OptionalLong gatewayBefore = MemoryFigures.before(gatewayPid);
            long openStart = System.nanoTime();
            List<SseStream> streams = StreamOpening.openAll(http, url, authorization(), sseUsers, timeout);
            Duration connectTime = Duration.ofNanos(System.nanoTime() - openStart);
            Optional<MemoryFigures> gateway = MemoryFigures.measure(gatewayPid, gatewayBefore, streams.size());

            LatencyRecorder latency = new LatencyRecorder();
            sseUsers.forEach(user -> user.latency = latency);
            LongAdder putFailures = putAll(http, api, sseUsers);
            Deliveries.await(() -> latency.count() + putFailures.sum(), streams.size(), timeout);
            streams.forEach(SseStream::close);

            SseFigures figures = new SseFigures(url.toString(), users, streams.size(), users - streams.size(),
                    putFailures.sum(), latency.count(), connectTime, latency.percentiles(), gateway);
            figures.report().print(spec.commandLine().getOut());
            return streams.isEmpty() ? NOTHING_MEASURED : 0;
        } finally {
            callbacks.shutdownNow();
        }
    }

    /** One PUT per user whose stream opened, a few at a time; returns how many failed. */
    private LongAdder putAll(HttpClient http, URI api, List<SseUser> sseUsers) throws InterruptedException {
        LongAdder failures = new LongAdder();
        Semaphore inFlight = new Semaphore(putConcurrency);
        for (SseUser user : sseUsers) {
            if (!user.streaming()) {
                continue;
            }
            inFlight.acquire();
            long target = user.current.join() + 1;
            URI endpoint = StreamOpening.endpoint(api, "/api/users/" + user.userId + "/unread-count");
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":" + target + "}"));
            authorization().forEach(request::header);
            user.expect(target);
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null || response.statusCode() / 100 != 2) {
                    failures.increment();
                    log.warn("PUT count of {} failed: {}", user.userId,
                            failure != null ? failure.toString() : response.statusCode() + " " + response.body());
                }
            });
        }
        inFlight.acquire(putConcurrency);
        return failures;
    }

    private Map<String, String> authorization() {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    /** One user's stream: the change is the event with the target count. */
    private static final class SseUser extends StreamedUser {

        private final AtomicBoolean changed = new AtomicBoolean();
        private volatile long target = -1;
        private volatile long putNanos;
        private volatile LatencyRecorder latency;

        SseUser(String userId) {
            super(userId);
        }

        void expect(long count) {
            putNanos = System.nanoTime();
            target = count;
        }

        @Override
        void changed(long count, long seq, long nanos) {
            if (count == target && changed.compareAndSet(false, true)) {
                latency.record(nanos - putNanos);
            }
        }
    }
}
