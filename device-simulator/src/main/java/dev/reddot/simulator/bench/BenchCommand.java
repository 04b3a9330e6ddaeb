package dev.reddot.simulator.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench}: the benchmark subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {ThroughputBench.class, FanoutBench.class, ConnectionsBench.class, SseBench.class,
                RestBench.class, GatewayBench.class},
        description = "Benchmarks against any MQTT broker (throughput, fanout, connections) and through the gateway "
                + "(sse, rest, gateway).")
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
