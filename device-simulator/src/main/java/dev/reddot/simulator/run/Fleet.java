package dev.reddot.simulator.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import dev.reddot.simulator.mqtt.AsyncMqttClient;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sensors of one run: connected together, started with their ticks spread over one period, stopped together. */
final class Fleet {

    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    private final List<Sensor> sensors;
    private final FleetCounters counters;

    private Fleet(List<Sensor> sensors, FleetCounters counters) {
        this.sensors = sensors;
        this.counters = counters;
    }

    /**
     * Connects every device; those that cannot connect count as errors and take no part.
     *
     * @param options the client options of device {@code i} (1-based)
     */
    static Fleet connect(MqttConnector connector, FleetPlan plan, IntFunction<MqttClientOptions> options,
                         FleetCounters counters) throws InterruptedException {
        List<MqttClientOptions> devices = new ArrayList<>(plan.devices());
        for (int i = 1; i <= plan.devices(); i++) {
            devices.add(options.apply(i));
        }
        List<CompletableFuture<AsyncMqttClient>> clients = connector.connectAll(devices, device -> message -> { });
        AtomicBoolean firstFailure = new AtomicBoolean(true);
        List<Sensor> sensors = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            String deviceId = devices.get(i).clientId();
            try {
                AsyncMqttClient client = clients.get(i).get();
                counters.connected();
                sensors.add(new Sensor(deviceId, client, new ReadingWalk(deviceId, new Random(deviceId.hashCode())),
                        plan, counters));
                watchConnection(client, counters);
            } catch (ExecutionException e) {
                counters.error();
                logFailure(firstFailure, "{} could not connect: {}", deviceId, e.getCause().getMessage());
            }
        }
        return new Fleet(sensors, counters);
    }

    /** Starts every sensor; their first readings are spread over one period instead of arriving in one burst. */
    void start(FleetPlan plan) {
        long period = plan.periodNanos();
        for (int i = 0; i < sensors.size(); i++) {
            sensors.get(i).start(period * i / sensors.size());
        }
    }

    /** Completes when every sensor has finished (sent its last reading or lost its connection). */
    CompletableFuture<Void> finished() {
        return CompletableFuture.allOf(sensors.stream().map(Sensor::finished).toArray(CompletableFuture[]::new));
    }

    void stop() {
        sensors.forEach(Sensor::stop);
    }

    /** Waits until no publish is awaiting its acknowledgement, or the timeout; true when none is left. */
    boolean awaitAcknowledgements(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counters.pending() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return counters.pending() == 0;
    }

    void disconnect(Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] closing = sensors.stream().map(sensor -> sensor.client().disconnect())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("not every device disconnected cleanly within {}: {}", timeout, e.toString());
        }
    }

    private static void watchConnection(AsyncMqttClient client, FleetCounters counters) {
        client.closeFuture().whenComplete((closed, lost) -> {
            counters.disconnected();
            if (lost != null) {
                counters.error();
                log.warn("{}", lost.getMessage());
            }
        });
    }

    private static void logFailure(AtomicBoolean first, String format, Object... arguments) {
        if (first.getAndSet(false)) {
            log.warn(format, arguments);
        } else {
            log.debug(format, arguments);
        }
    }
}
