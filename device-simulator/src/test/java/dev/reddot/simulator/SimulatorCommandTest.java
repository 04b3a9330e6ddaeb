package dev.reddot.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatorCommandTest {

    @Test
    void helpListsTheRunAndBenchCommands() {
        SimulatorCli.Result result = SimulatorCli.execute("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run", "bench");
    }

    @Test
    void benchHelpListsEveryBenchmark() {
        SimulatorCli.Result result = SimulatorCli.execute("bench", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("throughput", "fanout", "connections", "sse");
    }

    @Test
    void aBadOptionValueIsAUsageError() {
        SimulatorCli.Result result = SimulatorCli.execute("run", "--duration", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a duration");
    }

    @Test
    void anUnsupportedUrlIsRefusedWithOneLine() {
        SimulatorCli.Result result = SimulatorCli.execute("run", "--url", "ws://127.0.0.1:1/mqtt", "--count", "1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("only tcp://");
    }
}
