package dev.reddot.simulator.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reddot.protocol.Ids;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.simulator.http.SseStream;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import dev.reddot.simulator.mqtt.MqttProtocol;
import dev.reddot.simulator.mqtt.MqttUrl;
import dev.reddot.simulator.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench rest}: N users hold SSE streams on the gateway while the offered rate of REST count changes climbs
 * step by step, open loop; per step the rate achieved, the PUT and PUT→SSE latencies and what did not arrive. Then
 * the broker's own QoS 1 throughput as the reference the REST path is compared with.
 */
@Command(name = "rest", mixinStandardHelpOptions = true,
        description = "Opens N SSE streams GET <url>/push/sse/<user> and keeps them open; then, for each offered "
                + "rate, sends PUT <api-url>/api/users/<user>/unread-count at that rate for one step (open loop, "
                + "over --connections keep-alive connections) and prints a row: rate achieved, PUT and PUT→SSE "
                + "latency, lost, coalesced, errors. Stops where the curve bends. Ends with the broker's QoS 1 "
                + "throughput on --mqtt-url and the ratio of the two.")
final class RestBench implements Callable<Integer> {

    /** Exit code when no stream opened: the figures measure nothing. */
    private static final int NOTHING_MEASURED = 1;

    /** The counts set by PUT must stay within what the API accepts. */
    private static final long MAX_COUNT = Integer.MAX_VALUE;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "The publisher's base URL (default: the same as --url, as in the all-in-one).")
    URI apiUrl;

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
            description = "The broker, for the QoS 1 reference (default: ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--users", defaultValue = "10000", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--user-prefix", defaultValue = "user-", paramLabel = "PREFIX",
            description = "User ids are PREFIX1 … PREFIXN (default: ${DEFAULT-VALUE}).")
    String userPrefix;

    @Option(names = "--token", paramLabel = "JWT",
            description = "An admin token: Bearer token of the streams and the API, and the MQTT password (its sub "
                    + "the username) of the broker reference.")
    String token;

    @Option(names = "--rates", defaultValue = "100,200,500,1000,2000,5000,10000", split = ",", paramLabel = "R",
            description = "Offered rates, PUTs per second, one step each (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--step-duration", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long each rate is offered (default: ${DEFAULT-VALUE}).")
    Duration stepDuration;

    @Option(names = "--warmup", defaultValue = "5s", paramLabel = "DURATION",
            description = "A first step at the lowest rate that is not reported, so that the server's code is "
                    + "compiled before it is measured; 0s for none (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "16", paramLabel = "N",
            description = "Keep-alive HTTP/1.1 connections the PUTs share, one request at a time on each "
                    + "(default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--grace", defaultValue = "5s", paramLabel = "DURATION",
            description = "After a step, how long the streams may take to deliver its last counts; also how late "
                    + "a PUT may still be sent (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--max-p99", defaultValue = "1s", paramLabel = "DURATION",
            description = "The sweep stops after a step whose PUT or PUT→SSE p99 passes this (default: "
                    + "${DEFAULT-VALUE}).")
    Duration maxP99;

    @Option(names = "--min-achieved", defaultValue = "0.8", paramLabel = "SHARE",
            description = "… or whose achieved rate is below this share of the offered (default: ${DEFAULT-VALUE}).")
    double minAchieved;

    @Option(names = "--broker-publishers", defaultValue = "4", paramLabel = "P",
            description = "Publishers of the broker reference, to one subscriber (default: ${DEFAULT-VALUE}).")
    int brokerPublishers;

    @Option(names = "--broker-messages", defaultValue = "10000", paramLabel = "M",
            description = "QoS 1 messages per publisher of the broker reference; 0 skips it (default: "
                    + "${DEFAULT-VALUE}).")
    int brokerMessages;

    @Option(names = "--timeout", defaultValue = "60s", paramLabel = "DURATION",
            description = "Longest wait for the streams to open, and for one PUT's answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        URI api = apiUrl == null ? url : apiUrl;
        AtomicStep step = new AtomicStep();
        List<RestUser> restUsers = new ArrayList<>(users);
        for (int i = 1; i <= users; i++) {
            restUsers.add(new RestUser(userPrefix + i, step::get));
        }
        PrintWriter out = spec.commandLine().getOut();
        ExecutorService callbacks = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "rest-bench-sse");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(callbacks).build();
        List<SseStream> streams = List.of();
        try (OpenLoopPuts puts = new OpenLoopPuts(api, connections, authorization(), timeout)) {
            streams = StreamOpening.openAll(http, url, authorization(), restUsers, timeout);
            AtomicInteger closedStreams = new AtomicInteger();
            streams.forEach(stream -> stream.ended().whenComplete((ended, failure) -> closedStreams.incrementAndGet()));
            List<RestUser> streaming = restUsers.stream().filter(RestUser::streaming).toList();
            if (streaming.isEmpty()) {
                out.printf("bench rest: no SSE stream opened on %s%n", url);
                out.flush();
                return NOTHING_MEASURED;
            }
            long base = streaming.stream().mapToLong(user -> user.current.join()).max().orElse(0) + 1;
            BenchArguments.require(spec, base + plannedPuts() <= MAX_COUNT, "the users' counts are too high to "
                    + "set " + plannedPuts() + " distinct larger ones: use another --user-prefix");

            out.printf(Locale.ROOT, "bench rest: %s (API %s), %d users streaming, %d connections, %s s steps, "
                            + "latencies in ms from each PUT's due time%n", url, api, streaming.size(), connections,
                    Report.number(stepDuration.toNanos() / 1e9));
            Sweep sweep = new Sweep(puts, streaming, step, base);
            if (!warmup.isZero()) {
                sweep.run(rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), warmup);
            }
            out.println(RestStepFigures.HEADER);
            out.flush();
            List<RestStepFigures> figures = new ArrayList<>();
            Optional<String> bend = Optional.empty();
            for (double rate : rates) {
                RestStepFigures measured = sweep.run(rate, stepDuration);
                figures.add(measured);
                out.println(measured.row());
                out.flush();
                bend = measured.bend(minAchieved, maxP99);
                if (bend.isPresent()) {
                    break;
                }
            }
            streams.forEach(SseStream::close);
            Optional<ThroughputFigures> broker = brokerReference();
            summary(figures, bend, streaming.size(), closedStreams.get(), broker).print(out);
            return 0;
        } finally {
            streams.forEach(SseStream::close);
            callbacks.shutdownNow();
        }
    }

    private void checkArguments() {
        BenchArguments.require(spec, users >= 1 && connections >= 1, "--users and --connections must be at least 1");
        BenchArguments.require(spec, Ids.isValid(userPrefix + users), "user ids must be " + Ids.RULE);
        BenchArguments.require(spec, !rates.isEmpty() && rates.stream().allMatch(rate -> rate > 0),
                "--rates must be positive");
        BenchArguments.require(spec, !stepDuration.isNegative() && !stepDuration.isZero(),
                "--step-duration must be positive");
        BenchArguments.require(spec, brokerPublishers >= 1 && brokerMessages >= 0,
                "--broker-publishers must be at least 1, --broker-messages at least 0");
    }

    private long plannedPuts() {
        double seconds = stepDuration.toNanos() / 1e9;
        return (long) (rates.stream().mapToDouble(rate -> Math.ceil(rate * seconds)).sum()
                + Math.ceil(rates.stream().mapToDouble(Double::doubleValue).min().orElse(0) * warmup.toNanos() / 1e9));
    }

    private Optional<ThroughputFigures> brokerReference() throws Exception {
        if (brokerMessages == 0) {
            return Optional.empty();
        }
        try (MqttConnector connector = new MqttConnector(MqttUrl.parse(mqttUrl), 2)) {
            return Optional.of(new ThroughputRun(connector, this::mqttOptions, 1, brokerPublishers, 1,
                    brokerMessages, 64, Duration.ofSeconds(10)).measure());
        }
    }

    private MqttClientOptions mqttOptions(String clientId) {
        MqttClientOptions options = MqttClientOptions.of(clientId, MqttProtocol.V5);
        if (token == null) {
            return options;
        }
        return options.credentials(AccessTokens.readVerified(token).map(AccessToken::subject).orElse(clientId), token);
    }

    private Report summary(List<RestStepFigures> steps, Optional<String> bend, int streaming, int closedStreams,
                           Optional<ThroughputFigures> broker) {
        double sustained = steps.stream().filter(step -> step.bend(minAchieved, maxP99).isEmpty())
                .mapToDouble(RestStepFigures::achieved).max().orElse(Double.NaN);
        RestStepFigures last = steps.get(steps.size() - 1);
        Report report = Report.titled(bend.map(why -> "bends at " + Report.number(last.offered()) + "/s: " + why)
                        .orElse("did not bend up to " + Report.number(last.offered()) + "/s"))
                .row("streams", streaming, "SSE streams open through the sweep")
                .row("streams-closed", closedStreams, "of them, ended by the server or the network")
                .row("bends-at", bend.isPresent() ? Report.number(last.offered()) : "-", "PUTs/s offered")
                .row("best-sustained", sustained, "count changes/s (highest achieved rate of a step that held)")
                .row("lost", steps.stream().mapToLong(RestStepFigures::lost).sum(), "users, over all steps")
                .row("errors", steps.stream().mapToLong(RestStepFigures::errors).sum(), "PUTs, over all steps");
        broker.ifPresent(figures -> report
                .row("broker-qos1-throughput", figures.throughput(), String.format(Locale.ROOT,
                        "messages/s (QoS 1, %d publishers → 1 subscriber, %d messages, %d lost)",
                        figures.publishers(), figures.sent(), figures.lost()))
                .row("rest-to-broker", sustained / figures.throughput(),
                        "best-sustained ÷ broker-qos1-throughput"));
        return report;
    }

    private Map<String, String> authorization() {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    /** The step under way, which the streams report arrivals to. */
    private static final class AtomicStep {

        private volatile StepLedger current;

        StepLedger get() {
            return current;
        }

        void set(StepLedger step) {
            current = step;
        }
    }

    /** Runs the steps one after the other; PUT numbers (and so counts) go on from one step to the next. */
    private final class Sweep {

        private final OpenLoopPuts puts;
        private final List<RestUser> streaming;
        private final AtomicStep step;
        private final long base;
        private long first;

        Sweep(OpenLoopPuts puts, List<RestUser> streaming, AtomicStep step, long base) {
            this.puts = puts;
            this.streaming = streaming;
            this.step = step;
            this.base = base;
        }

        RestStepFigures run(double rate, Duration duration) throws Exception {
            double seconds = duration.toNanos() / 1e9;
            int size = (int) Math.max(1, Math.round(rate * seconds));
            // a moment for the connections' threads to pick up their first PUT before it is due
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            StepLedger ledger = new StepLedger(rate, size, first, base, start);
            step.set(ledger);
            puts.run(ledger, streaming, start + duration.toNanos() + grace.toNanos());
            Set<RestUser> changed = ledger.changedUsers(streaming);
            long deadline = System.nanoTime() + grace.toNanos();
            while (changed.stream().anyMatch(user -> !user.upToDate()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            int lost = (int) changed.stream().filter(user -> !user.upToDate()).count();
            first += size;
            return ledger.figures(seconds, lost);
        }
    }
}
