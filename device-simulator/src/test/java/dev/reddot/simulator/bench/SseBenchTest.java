package dev.reddot.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reddot.simulator.SimulatorCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseBenchTest {

    private FakeGateway gateway;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = FakeGateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void everyStreamReceivesItsChangeAndTheLatencyIsPrinted() {
        String pid = Long.toString(ProcessHandle.current().pid());

        SimulatorCli.Result result = SimulatorCli.execute("bench", "sse", "--url", gateway.url(),
                "--users", "20", "--gateway-pid", pid, "--timeout", "10s");

        assertThat(result.exitCode()).isZero();
        assertThat(gateway.openStreams()).isEqualTo(20);
        assertThat(result.out()).contains("bench sse", "20 users")
                .containsPattern("connected\\s+20\\s")
                .containsPattern("failed\\s+0\\s")
                .containsPattern("put-failures\\s+0\\s")
                .containsPattern("events\\s+20\\s")
                .containsPattern("missing\\s+0\\s")
                .containsPattern("latency-p50\\s+\\d+(\\.\\d+)?\\s+ms")
                .containsPattern("latency-p99\\s+\\d+(\\.\\d+)?\\s+ms")
                .containsPattern("gateway-rss-per-connection\\s+-?\\d+(\\.\\d+)?\\s+KiB");
    }

    @Test
    void aSecondRunStartsFromTheCurrentCounts() {
        SimulatorCli.execute("bench", "sse", "--url", gateway.url(), "--users", "3", "--timeout", "10s");

        SimulatorCli.Result second = SimulatorCli.execute("bench", "sse", "--url", gateway.url(),
                "--api-url", gateway.url() + "/", "--users", "3", "--timeout", "10s");

        assertThat(second.out()).containsPattern("events\\s+3\\s").containsPattern("missing\\s+0\\s");
    }

    @Test
    void streamsThatCannotOpenAreCountedAsFailed() {
        SimulatorCli.Result result = SimulatorCli.execute("bench", "sse", "--url", gateway.url() + "/nowhere",
                "--users", "2", "--timeout", "5s");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("connected\\s+0\\s").containsPattern("failed\\s+2\\s");
    }
}
