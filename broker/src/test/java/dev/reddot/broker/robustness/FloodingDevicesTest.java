package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 13: one flooding device slows only itself, never the publisher-service, however many connections it opens. Devices publish telemetry as fast as
 * the broker takes it (half QoS 1 through Paho, half QoS 0 on raw sockets) while an admin connection publishes 200
 * counts a second at QoS 1 to a subscriber, as the publisher-service does. Each device is held to its publish budget
 * at its own connection; the counts keep being acknowledged promptly. Before the budget the devices' messages filled
 * the session loops' queues and the counts waited behind them (p99 over half a second with four devices).
 * <p>
 * Prints the counts' PUBACK latencies alone and under the flood, and each device's achieved rate. A benchmark run
 * may set {@code -Dflood.seconds} (default 8), {@code -Dflood.baseline-seconds} (4), and point it at a broker in
 * another process ({@code -Dflood.url=tcp://127.0.0.1:PORT -Dflood.secret=…}, with the default publish budget), for
 * example to pin the broker and this load generator to different cores with {@code taskset}.
 */
class FloodingDevicesTest {

    private static final Logger LOG = LoggerFactory.getLogger(FloodingDevicesTest.class);
    private static final String SECRET = "flooding-devices-test-secret-of-32-bytes";
    private static final int COUNTS_PER_SECOND = 200;
    private static final Duration BASELINE = Duration.ofSeconds(Long.getLong("flood.baseline-seconds", 4));
    private static final Duration FLOOD = Duration.ofSeconds(Long.getLong("flood.seconds", 8));
    /** Not measured: a broker fresh from its start answers its first counts slowly while its code is compiled. */
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    /** How long a count may still take to be acknowledged at the end of a phase before it counts as lost. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Connections one device floods from at once, each with a client id of its own. */
    private static final int CONNECTIONS_OF_ONE_DEVICE = 4;
    private static final Duration SHARED_FLOOD = Duration.ofSeconds(6);
    /** Generous for a loaded CI machine; with the budget the counts' p99 is tens of milliseconds here. */
    private static final double LONGEST_P99_MILLIS = 1_000;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0} devices")
    @ValueSource(ints = {4, 16})
    void floodingDevicesAreHeldToTheirBudgetWhileTheServicesCountsGoOn(int devices) throws Exception {
        BrokerProperties.Limits limits = BrokerProperties.Limits.DEFAULTS;
        try (Target broker = Target.start(dataDir);
             RecordingMqttClient gateway = RecordingMqttClient.connectWithToken(broker.url(), "gateway",
                     broker.token("gateway", Scope.ADMIN)).subscribe("/message/+", 1);
             TimedCountPublisher counts = TimedCountPublisher.start(broker.url(), "publisher-service",
                     broker.token("publisher-service", Scope.ADMIN), COUNTS_PER_SECOND)) {
            measureFor(WARM_UP);
            counts.phase(GRACE);
            measureFor(BASELINE);
            Latencies alone = counts.phase(GRACE);

            List<TelemetryFlooder> flooders = startFlooders(broker, devices);
            try {
                List<Long> before = flooders.stream().map(TelemetryFlooder::accepted).toList();
                long started = System.nanoTime();
                measureFor(FLOOD);
                double seconds = (System.nanoTime() - started) / 1e9;
                List<Double> rates = new ArrayList<>();
                for (int i = 0; i < flooders.size(); i++) {
                    rates.add((flooders.get(i).accepted() - before.get(i)) / seconds);
                }
                List<String> disconnected = flooders.stream().filter(flooder -> !flooder.connected())
                        .map(TelemetryFlooder::name).toList();
                Latencies flooded = counts.phase(GRACE);
                report(devices, alone, flooded, flooders, rates, limits);

                assertThat(disconnected).as("devices the broker disconnected").isEmpty();
                double bound = (limits.publishRatePerSubject() * seconds + limits.publishBurstPerSubject()) / seconds;
                assertThat(rates).as("each device's PUBLISH a second, budget %d/s with a burst of %d",
                                limits.publishRatePerSubject(), limits.publishBurstPerSubject())
                        .allSatisfy(rate -> assertThat(rate).isLessThan(bound * 1.2 + 10)
                                .isGreaterThan(limits.publishRatePerSubject() / 4.0));
                assertThat(counts.connected()).as("the admin publisher stayed connected").isTrue();
                assertThat(flooded.failed()).as("counts without PUBACK under the flood: %s", flooded).isZero();
                assertThat(flooded.percentileMillis(0.99)).as("counts' p99 under the flood: %s", flooded)
                        .isLessThan(LONGEST_P99_MILLIS);
            } finally {
                flooders.forEach(TelemetryFlooder::close);
            }
        }
    }

    @Test
    void aDevicesConnectionsShareOneBudget() throws Exception {
        BrokerProperties.Limits limits = BrokerProperties.Limits.DEFAULTS;
        try (AttackedBroker broker = AttackedBroker.start(dataDir)) {
            String token = broker.token("flood-many", Scope.DEVICE);
            List<TelemetryFlooder> connections = new ArrayList<>();
            long started = System.nanoTime();
            try {
                for (int i = 0; i < CONNECTIONS_OF_ONE_DEVICE; i++) {
                    connections.add(Qos0TelemetryFlooder.start("127.0.0.1", broker.broker().port(), "flood-many",
                            "flood-many-" + i, token, AttackedBroker.ANSWER));
                }
                measureFor(SHARED_FLOOD);
                double seconds = (System.nanoTime() - started) / 1e9;
                long total = connections.stream().mapToLong(TelemetryFlooder::accepted).sum();
                LOG.info("One device flooding from {} connections for {} s (budget {}/s, burst {}): {} PUBLISH taken "
                                + "in total, {}/s; {}", connections.size(), String.format(Locale.ROOT, "%.1f", seconds),
                        limits.publishRatePerSubject(), limits.publishBurstPerSubject(), total,
                        String.format(Locale.ROOT, "%.0f", total / seconds), String.join(", ", connections.stream()
                                .map(flooder -> flooder.name() + " " + flooder.accepted()).toList()));

                double budget = limits.publishRatePerSubject() * seconds + limits.publishBurstPerSubject();
                assertThat(connections).as("connections the broker closed").allMatch(TelemetryFlooder::connected);
                assertThat(total).as("PUBLISH taken from the device's %d connections in %.1f s, one budget: %.0f",
                                connections.size(), seconds, budget)
                        .isLessThan(Math.round(budget * 1.25) + 40)
                        .isGreaterThan(Math.round(budget / 2));
            } finally {
                connections.forEach(TelemetryFlooder::close);
            }
        }
    }

    private static List<TelemetryFlooder> startFlooders(Target broker, int devices) throws Exception {
        List<TelemetryFlooder> flooders = new ArrayList<>();
        try {
            for (int i = 0; i < devices; i++) {
                String device = "flood-" + i;
                String token = broker.token(device, Scope.DEVICE);
                flooders.add(i % 2 == 0 ? Qos1TelemetryFlooder.start(broker.url(), device, token)
                        : Qos0TelemetryFlooder.start(broker.host(), broker.port(), device, token, AttackedBroker.ANSWER));
            }
            return flooders;
        } catch (Exception | Error e) {
            flooders.forEach(TelemetryFlooder::close);
            throw e;
        }
    }

    /** A measurement window: the clients run on their own threads meanwhile. */
    private static void measureFor(Duration window) throws InterruptedException {
        Thread.sleep(window.toMillis());
    }

    private static void report(int devices, Latencies alone, Latencies flooded, List<TelemetryFlooder> flooders,
                               List<Double> rates, BrokerProperties.Limits limits) {
        LOG.info("Admin counts, QoS 1 at {}/s: alone {}; with {} devices flooding for {} s: {}", COUNTS_PER_SECOND,
                alone, devices, FLOOD.toSeconds(), flooded);
        double total = rates.stream().mapToDouble(Double::doubleValue).sum();
        LOG.info("Devices' achieved PUBLISH rate (budget {}/s, burst {}): total {}/s; {}",
                limits.publishRatePerSubject(), limits.publishBurstPerSubject(), String.format(Locale.ROOT, "%.0f", total),
                String.join(", ", IntStream.range(0, flooders.size())
                        .mapToObj(i -> String.format(Locale.ROOT, "%s %.0f/s", flooders.get(i).name(), rates.get(i)))
                        .toList()));
    }

    /** The broker under test: Reddot's in this JVM, or one in another process given by {@code flood.url}. */
    private record Target(String url, AccessTokens tokens, AttackedBroker own) implements AutoCloseable {

        static Target start(Path dataDir) {
            String external = System.getProperty("flood.url");
            if (external != null) {
                return new Target(external, new AccessTokens(System.getProperty("flood.secret", SECRET)), null);
            }
            AttackedBroker broker = AttackedBroker.start(dataDir);
            return new Target(broker.broker().tcpUrl(), null, broker);
        }

        String token(String subject, Scope scope) {
            return own != null ? own.token(subject, scope) : tokens.mint(subject, scope, Duration.ofHours(1));
        }

        String host() {
            return URI.create(url).getHost();
        }

        int port() {
            return URI.create(url).getPort();
        }

        @Override
        public void close() {
            if (own != null) {
                own.close();
            }
        }
    }
}
