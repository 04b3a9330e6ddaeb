package dev.reddot.broker.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every conformance check against Reddot's broker and Mosquitto (and any {@code -Dconformance.extraBrokers}) in
 * one run, each check on a freshly started broker; writes the table to the log and to {@code target/conformance.md};
 * and holds Reddot to every row Mosquitto passes, {@link KnownGaps} aside.
 *
 * <p>Options: {@code -Dconformance.mosquitto=/path/to/mosquitto}, {@code -Dconformance.mosquittoForbiddenTopic=acl/denied}
 * (Mosquitto with an ACL, for the authorization checks), {@code -Dconformance.extraBrokers=name=tcp://host:port,…},
 * {@code -Dconformance.report=target/conformance.md}, {@code -Dconformance.only=restart} (only the rows whose behaviour
 * contains that text, for working on them).
 */
class ConformanceSuiteTest {

    private static final Logger log = LoggerFactory.getLogger(ConformanceSuiteTest.class);

    private static final Path MOSQUITTO = Path.of(System.getProperty("conformance.mosquitto",
            MosquittoBroker.DEFAULT_EXECUTABLE.toString()));
    /** Opt-in: start Mosquitto with an ACL refusing this topic, so that the authorization checks run against it. */
    private static final Optional<AccessRules> MOSQUITTO_RULES =
            Optional.ofNullable(System.getProperty("conformance.mosquittoForbiddenTopic")).map(AccessRules::new);
    /** Checks in flight per broker: they mostly wait (Paho alone spends 0.4 s per client connecting and closing). */
    private static final int PARALLEL_CHECKS = 6;
    private static final Path REPORT = Path.of(System.getProperty("conformance.report", "target/conformance.md"));

    @TempDir
    Path workDir;

    private final AtomicInteger brokersStarted = new AtomicInteger();

    @TestFactory
    @Timeout(180)
    Stream<DynamicTest> reddotKeepsEveryPromiseMosquittoKeeps() throws Exception {
        assumeTrue(Files.isExecutable(MOSQUITTO), MOSQUITTO + " is not installed: nothing to compare Reddot with");
        String only = System.getProperty("conformance.only", "");
        List<Check> checks = ConformanceChecks.all().stream().filter(check -> check.behaviour().contains(only)).toList();
        List<BrokerLauncher> launchers = new ArrayList<>(List.of(
                new BrokerLauncher("Reddot", () -> ReddotBroker.start(freshDirectory("reddot"))),
                new BrokerLauncher("Mosquitto", () -> MosquittoBroker.start(MOSQUITTO, freshDirectory("mosquitto"),
                        MOSQUITTO_RULES))));
        ExternalBroker.fromSystemProperties().forEach(broker -> launchers.add(new BrokerLauncher(broker.name(), () -> broker)));
        long started = System.nanoTime();
        Map<String, List<ConformanceRunner.Result>> results =
                runInParallel(new ConformanceRunner(checks, Waits.CHECK, PARALLEL_CHECKS), launchers);
        Duration wallTime = Duration.ofNanos(System.nanoTime() - started);

        List<ConformanceRow> rows = ConformanceRow.of(checks, results);
        ReferenceComparison comparison = new ReferenceComparison("Reddot", "Mosquitto", KnownGaps.all());
        report(rows, comparison, results, wallTime);

        List<String> problems = comparison.problems(rows);
        return Stream.concat(
                rows.stream().map(row -> DynamicTest.dynamicTest(row.behaviour(),
                        () -> assertThat(comparison.problem(row)).isEmpty())),
                Stream.of(DynamicTest.dynamicTest("KnownGaps names only existing checks, and no row fails the suite",
                        () -> assertThat(problems).isEmpty())));
    }

    private static Map<String, List<ConformanceRunner.Result>> runInParallel(ConformanceRunner runner,
                                                                            List<BrokerLauncher> launchers) {
        ExecutorService perKind = Executors.newFixedThreadPool(launchers.size());
        try {
            Map<String, CompletableFuture<List<ConformanceRunner.Result>>> running = new LinkedHashMap<>();
            launchers.forEach(launcher -> running.put(launcher.name(),
                    CompletableFuture.supplyAsync(() -> runner.runAgainst(launcher), perKind)));
            // all kinds finish (and stop their brokers) before a failure of one is reported
            CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new)).join();
            Map<String, List<ConformanceRunner.Result>> results = new LinkedHashMap<>();
            running.forEach((name, future) -> results.put(name, future.join()));
            return results;
        } finally {
            perKind.shutdown();
        }
    }

    private Path freshDirectory(String kind) {
        return workDir.resolve(kind + "-" + brokersStarted.incrementAndGet());
    }

    private static void report(List<ConformanceRow> rows, ReferenceComparison comparison,
                               Map<String, List<ConformanceRunner.Result>> results, Duration wallTime) throws Exception {
        Map<String, Duration> durations = new LinkedHashMap<>();
        results.forEach((broker, list) -> durations.put(broker,
                list.stream().map(ConformanceRunner.Result::took).reduce(Duration.ZERO, Duration::plus)));
        String table = ConformanceTable.markdown(List.copyOf(results.keySet()), rows, comparison, durations)
                + "- wall time, every broker started and stopped: " + wallTime.toMillis() + " ms\n";
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, "# MQTT conformance: Reddot and Mosquitto\n\n" + table);
        log.info("MQTT conformance ({}):\n{}", REPORT.toAbsolutePath(), table);
    }
}
