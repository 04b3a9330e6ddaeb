package dev.reddot.simulator.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.reddot.simulator.MqttTargetOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code run}: N sensors publishing telemetry until the duration or count is reached, or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulates sensors: each device sensor-<i> has its own MQTT connection and publishes a JSON "
                + "reading to devices/<id>/telemetry R times a second (and an alert to devices/<id>/alerts when a "
                + "reading is above --alert-above).",
                "Ends after --duration or --count (or on Ctrl-C) with a summary; exit code 1 when anything was "
                        + "lost or went wrong."})
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    /** How long Ctrl-C waits for the summary before the JVM goes down anyway. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Mixin
    MqttTargetOptions mqtt;

    @Option(names = "--devices", defaultValue = "10", paramLabel = "N", description = "Sensors (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--rate", defaultValue = "1", paramLabel = "R",
            description = "Readings per second per sensor, may be fractional (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long to run, e.g. 30s, 5m.")
    Duration duration;

    @Option(names = "--count", paramLabel = "M", description = "Readings per device, then stop.")
    Long count;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1|2", description = "QoS (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--persistent", description = "Persistent sessions (clean start off, session kept for an hour).")
    boolean persistent;

    @Option(names = "--alert-above", paramLabel = "CELSIUS",
            description = "Also publish an alert for every reading warmer than this.")
    Double alertAbove;

    @Option(names = "--progress", description = "Print progress every second even when the output is not a terminal.")
    boolean progress;

    @Option(names = "--ack-timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "After the last reading, how long to wait for outstanding acknowledgements "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration ackTimeout;

    @Override
    public Integer call() throws Exception {
        FleetPlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        CountDownLatch summarized = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            interrupted.complete(null);
            awaitQuietly(summarized);
        }, "run-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try (MqttConnector connector = mqtt.connector()) {
            return run(plan, connector, out, interrupted);
        } finally {
            summarized.countDown();
            removeQuietly(onCtrlC);
        }
    }

    private int run(FleetPlan plan, MqttConnector connector, PrintWriter out, CompletableFuture<Void> interrupted)
            throws InterruptedException {
        FleetCounters counters = new FleetCounters();
        out.printf("connecting %d devices to %s%n", plan.devices(), connector.target());
        out.flush();
        Fleet fleet = Fleet.connect(connector, plan,
                i -> mqtt.clientOptions(FleetPlan.deviceId(i)).persistent(persistent), counters);
        int connected = counters.snapshot().connected();
        long start = System.nanoTime();
        try (ProgressPrinter printer = showProgress() ? ProgressPrinter.start(out, counters) : null) {
            fleet.start(plan);
            try {
                CompletableFuture.anyOf(fleet.finished(), interrupted).get();
            } catch (ExecutionException e) {
                log.warn("a sensor failed", e.getCause());
            }
            fleet.stop();
            if (!fleet.awaitAcknowledgements(ackTimeout)) {
                log.warn("{} publishes still unacknowledged after {}", counters.pending(), ackTimeout);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        RunSummary summary = RunSummary.of(connector.target().toString(), plan, connected, counters.snapshot(), elapsed);
        fleet.disconnect(Duration.ofSeconds(5));
        summary.report().print(out);
        return summary.exitCode();
    }

    private FleetPlan plan() {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive");
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        try {
            return new FleetPlan(devices, rate, FleetPlan.readingsPerDevice(count, duration, rate), qos,
                    alertAbove == null ? OptionalDouble.empty() : OptionalDouble.of(alertAbove));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private boolean showProgress() {
        return progress || System.console() != null;
    }

    private static void awaitQuietly(CountDownLatch summarized) {
        try {
            if (!summarized.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("no summary within {} of Ctrl-C", SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already going down (Ctrl-C): the hook is running and will see the summary printed
            log.debug("shutdown in progress, hook stays");
        }
    }
}
