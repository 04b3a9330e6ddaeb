package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import dev.reddot.simulator.MqttTargetOptions;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench connections}: K idle connections held for a while, and what they cost the broker in memory. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Opens K idle MQTT connections (keep alive only), holds them, and reports how many stayed "
                + "up; with --broker-pid, the broker's RSS before and after and per connection. Against a loopback "
                + "broker, connections are spread over source addresses 127.0.0.1, .2, … (20,000 each).")
final class ConnectionsBench implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsBench.class);

    /** File descriptors a JVM needs besides sockets: jars, logs, selectors. */
    private static final int SPARE_FILES = 100;

    /** Exit code when no connection opened: the figures measure nothing. */
    private static final int NOTHING_MEASURED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    MqttTargetOptions mqtt;

    @Option(names = "--connections", defaultValue = "1000", paramLabel = "K", description = "Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--hold", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to hold them open (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--keep-alive", defaultValue = "60", paramLabel = "SECONDS",
            description = "MQTT keep alive of each connection (default: ${DEFAULT-VALUE}).")
    int keepAlive;

    @Option(names = "--broker-pid", paramLabel = "PID", description = "Measure this process's RSS (the broker's).")
    Long brokerPid;

    @Override
    public Integer call() throws Exception {
        BenchArguments.require(spec, connections >= 1, "--connections must be at least 1");
        OptionalLong fileLimit = ProcessMemory.openFilesLimit();
        if (fileLimit.isPresent() && connections + SPARE_FILES > fileLimit.getAsLong()) {
            log.warn("{} connections need about {} open files, this process may open {}: spread the load over "
                    + "several processes", connections, connections + SPARE_FILES, fileLimit.getAsLong());
        }
        String run = BenchArguments.runId();
        long self = ProcessHandle.current().pid();
        OptionalLong brokerBefore = MemoryFigures.before(brokerPid);
        OptionalLong simulatorBefore = MemoryFigures.before(self);
        try (MqttConnector connector = mqtt.connector()) {
            List<MqttClientOptions> options = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                options.add(mqtt.clientOptions("bench-conn-" + run + "-" + i).keepAlive(keepAlive));
            }
            ClientGroup group = ClientGroup.connect("connections", connector, options, client -> message -> { });
            TimeUnit.MILLISECONDS.sleep(hold.toMillis());
            long open = group.stillConnected();
            Optional<MemoryFigures> broker = MemoryFigures.measure(brokerPid, brokerBefore, open);
            Optional<MemoryFigures> simulator = Optional.empty();
            if (brokerPid == null || brokerPid != self) {
                simulator = MemoryFigures.measure(self, simulatorBefore, open);
            }
            ConnectionFigures figures = new ConnectionFigures(connector.target().toString(), connections,
                    group.clients().size(), group.failed(), group.clients().size() - open,
                    connector.sourceAddressesUsed(), group.connectTime(), hold, broker, simulator);
            group.disconnect(Duration.ofSeconds(60));
            figures.report().print(spec.commandLine().getOut());
            return group.clients().isEmpty() ? NOTHING_MEASURED : 0;
        }
    }
}
