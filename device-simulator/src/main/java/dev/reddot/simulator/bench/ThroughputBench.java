package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.reddot.simulator.MqttTargetOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench throughput}: P publishers → S subscribers on one topic set, deliveries per second end to end. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "P publishers each send M messages to their own topic under bench/throughput/<run>/; S "
                + "subscribers receive them all through bench/throughput/<run>/+. Reports deliveries per second, "
                + "lost and duplicate deliveries.")
final class ThroughputBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MqttTargetOptions mqtt;

    @Option(names = "--publishers", defaultValue = "4", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Option(names = "--subscribers", defaultValue = "1", paramLabel = "S", description = "Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1|2", description = "Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--messages", defaultValue = "10000", paramLabel = "M",
            description = "Messages per publisher (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--payload-bytes", defaultValue = "64", paramLabel = "B",
            description = "Payload size, at least 8 (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--drain-timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "Give up waiting for deliveries after this long without one (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Override
    public Integer call() throws Exception {
        BenchArguments.require(spec, publishers >= 1 && subscribers >= 1 && messages >= 1,
                "--publishers, --subscribers and --messages must be at least 1");
        BenchArguments.require(spec, qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        try (MqttConnector connector = mqtt.connector()) {
            ThroughputFigures figures = new ThroughputRun(connector, mqtt::clientOptions, qos, publishers,
                    subscribers, messages, payloadBytes, drainTimeout).measure();
            figures.report().print(spec.commandLine().getOut());
            return 0;
        }
    }
}
