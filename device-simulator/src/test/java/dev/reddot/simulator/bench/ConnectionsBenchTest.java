package dev.reddot.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.reddot.broker.testing.TestBroker;
import dev.reddot.simulator.SimulatorCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsBenchTest {

    @TempDir
    Path dataDir;

    private TestBroker broker;

    @BeforeEach
    void startBroker() {
        broker = TestBroker.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void holdsTheConnectionsAndReportsTheBrokersMemory() {
        // the broker is embedded in this JVM, so its pid is ours
        String pid = Long.toString(ProcessHandle.current().pid());

        SimulatorCli.Result result = SimulatorCli.execute("bench", "connections", "--url", broker.tcpUrl(),
                "--connections", "200", "--hold", "1s", "--broker-pid", pid);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("bench connections", "200 idle connections")
                .containsPattern("connected\\s+200\\s")
                .containsPattern("failed\\s+0\\s")
                .containsPattern("dropped\\s+0\\s")
                .containsPattern("source-addresses\\s+1\\s")
                .containsPattern("broker-rss-before\\s+\\d+(\\.\\d+)?\\s+MiB \\(pid " + pid + "\\)")
                .containsPattern("broker-rss-after\\s+\\d+(\\.\\d+)?\\s+MiB")
                .containsPattern("broker-rss-per-connection\\s+-?\\d+(\\.\\d+)?\\s+KiB");
    }
}
