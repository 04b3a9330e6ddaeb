package dev.reddot.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.reddot.broker.testing.TestBroker;
import dev.reddot.simulator.SimulatorCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThroughputBenchTest {

    @TempDir
    static Path dataDir;

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1})
    void twoPublishersReachTwoSubscribersAndTheFiguresArePrinted(int qos) {
        SimulatorCli.Result result = SimulatorCli.execute("bench", "throughput", "--url", broker.tcpUrl(),
                "--publishers", "2", "--subscribers", "2", "--messages", "200", "--qos", Integer.toString(qos),
                "--drain-timeout", "3s");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("bench throughput", "QoS " + qos)
                .containsPattern("sent\\s+400\\s")
                .containsPattern("expected\\s+800\\s")
                .containsPattern("duplicates\\s+0\\s")
                .containsPattern("throughput\\s+\\d+(\\.\\d+)?\\s+deliveries/s");
        if (qos == 1) {
            assertThat(result.out()).containsPattern("received\\s+800\\s").containsPattern("lost\\s+0\\s");
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3"})
    void exactlyOnceLosesAndDuplicatesNothing(String mqttVersion) {
        SimulatorCli.Result result = SimulatorCli.execute("bench", "throughput", "--url", broker.tcpUrl(),
                "--mqtt-version", mqttVersion, "--publishers", "1", "--subscribers", "1", "--messages", "100",
                "--qos", "2", "--payload-bytes", "1024");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("received\\s+100\\s").containsPattern("lost\\s+0\\s")
                .containsPattern("duplicates\\s+0\\s");
    }
}
