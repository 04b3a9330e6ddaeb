package dev.reddot.simulator.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import dev.reddot.simulator.SimulatorCli;

/** {@code token} mints what a broker in token mode accepts, and {@code run --token} logs in as the token's sub. */
class TokenCommandTest {

    private static final String SECRET = "simulator-test-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    @Test
    void printsOnlyATokenForTheSubjectScopeAndLifetime() throws Exception {
        SimulatorCli.Result result = SimulatorCli.execute("token", "alice", "--scope", "user", "--secret", SECRET,
                "--ttl", "2h");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(1);
        AccessToken token = new AccessTokens(SECRET).verify(result.out().trim());
        assertThat(token.subject()).isEqualTo("alice");
        assertThat(token.scope()).isEqualTo(Scope.USER);
        assertThat(token.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofHours(2)), within(Duration.ofMinutes(1)));
    }

    @Test
    void defaultsToAUserTokenForADay() throws Exception {
        SimulatorCli.Result result = SimulatorCli.execute("token", "bob", "--secret", SECRET);

        AccessToken token = new AccessTokens(SECRET).verify(result.out().trim());
        assertThat(token.scope()).isEqualTo(Scope.USER);
        assertThat(token.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(1)), within(Duration.ofMinutes(1)));
    }

    @Test
    void refusesWhatNoBrokerWouldAcceptAsAUsageError() {
        assertRefused(List.of("token", "alice", "--scope", "root", "--secret", SECRET), "not a scope");
        assertRefused(List.of("token", "alice", "--secret", "too-short"), "at least 32 bytes");
        assertRefused(List.of("token", "al ice", "--secret", SECRET), "valid id");
        assertRefused(List.of("token", "alice", "--secret", SECRET, "--ttl", "0s"), "positive --ttl");
    }

    @Test
    void aFleetRunsWithAnAdminTokenAndOneDeviceWithItsOwnDeviceToken() throws Exception {
        try (TestBroker broker = TestBroker.startWithTokens(dataDir, SECRET);
             RecordingMqttClient subscriber = RecordingMqttClient.connectWithToken(broker.tcpUrl(), "test",
                     new AccessTokens(SECRET).mint("test", Scope.ADMIN, Duration.ofMinutes(5)))) {
            subscriber.subscribe("devices/+/telemetry", 1);
            String admin = mint("reddot-simulator", "admin");
            String sensor = mint("sensor-1", "device");

            SimulatorCli.Result fleet = SimulatorCli.execute("run", "--url", broker.tcpUrl(), "--token", admin,
                    "--devices", "2", "--rate", "20", "--count", "2");
            SimulatorCli.Result one = SimulatorCli.execute("run", "--url", broker.tcpUrl(), "--token", sensor,
                    "--devices", "1", "--rate", "20", "--count", "2");

            assertThat(fleet.exitCode()).as(fleet.out() + fleet.err()).isZero();
            assertThat(fleet.out()).containsPattern("acked\\s+4\\s");
            assertThat(one.exitCode()).as(one.out() + one.err()).isZero();
            assertThat(one.out()).containsPattern("acked\\s+2\\s");
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Received received = subscriber.next(Duration.ofSeconds(5));
                assertThat(received).as("reading %d of 6", i + 1).isNotNull();
                topics.add(received.topic());
            }
            assertThat(topics).containsOnly("devices/sensor-1/telemetry", "devices/sensor-2/telemetry");
        }
    }

    private static String mint(String subject, String scope) {
        SimulatorCli.Result result = SimulatorCli.execute("token", subject, "--scope", scope, "--secret", SECRET);
        assertThat(result.exitCode()).isZero();
        return result.out().trim();
    }

    private static void assertRefused(List<String> args, String message) {
        SimulatorCli.Result result = SimulatorCli.execute(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }
}
