package dev.reddot.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.simulator.SimulatorCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanoutBenchTest {

    @TempDir
    static Path dataDir;

    /** One broker for the class (stopping Moquette takes seconds); each test has users of its own. */
    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void everyUserGetsEveryRoundAndTheLatencyIsPrinted() {
        SimulatorCli.Result result = SimulatorCli.execute("bench", "fanout", "--url", broker.tcpUrl(),
                "--users", "50", "--rounds", "3", "--qos", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("bench fanout", "50 users × 3 rounds")
                .containsPattern("expected\\s+150\\s")
                .containsPattern("delivered\\s+150\\s")
                .containsPattern("lost\\s+0\\s")
                .containsPattern("latency-p50\\s+\\d+(\\.\\d+)?\\s+ms")
                .containsPattern("latency-p99\\s+\\d+(\\.\\d+)?\\s+ms")
                .containsPattern("latency-max\\s+\\d+(\\.\\d+)?\\s+ms")
                .containsPattern("deliveries-per-second\\s+\\d");
    }

    @Test
    void theRetainedCountsAreClearedAfterwards() throws Exception {
        SimulatorCli.execute("bench", "fanout", "--url", broker.tcpUrl(), "--users", "3", "--rounds", "1",
                "--user-prefix", "cleared-");

        try (RecordingMqttClient late = RecordingMqttClient.connect(broker.tcpUrl())) {
            late.subscribe("/message/+", 1);
            assertThat(late.drain(Duration.ofMillis(500))).extracting(RecordingMqttClient.Received::topic)
                    .noneMatch(topic -> topic.startsWith("/message/cleared-"));
        }
    }

    @Test
    void aRunIgnoresTheRetainedCountsOfAnEarlierOne() {
        SimulatorCli.execute("bench", "fanout", "--url", broker.tcpUrl(), "--users", "5", "--rounds", "2",
                "--user-prefix", "again-", "--keep-retained");

        SimulatorCli.Result second = SimulatorCli.execute("bench", "fanout", "--url", broker.tcpUrl(),
                "--users", "5", "--rounds", "2", "--user-prefix", "again-");

        assertThat(second.out()).containsPattern("delivered\\s+10\\s").containsPattern("duplicates\\s+0\\s");
    }
}
