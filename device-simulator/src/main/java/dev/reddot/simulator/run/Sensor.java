package dev.reddot.simulator.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.reddot.protocol.Topics;
import dev.reddot.simulator.mqtt.AsyncMqttClient;

/**
 * One simulated device on its own MQTT connection: a reading every period, and an alert with each reading above
 * the threshold. Its ticks run on the connection's event loop, so a fleet needs no thread per device.
 */
final class Sensor {

    private final String deviceId;
    private final AsyncMqttClient client;
    private final ReadingWalk walk;
    private final FleetPlan plan;
    private final FleetCounters counters;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private ScheduledFuture<?> ticks;
    private long published;

    Sensor(String deviceId, AsyncMqttClient client, ReadingWalk walk, FleetPlan plan, FleetCounters counters) {
        this.deviceId = deviceId;
        this.client = client;
        this.walk = walk;
        this.plan = plan;
        this.counters = counters;
    }

    /** Completes when the sensor has sent its last reading, was stopped, or lost its connection. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    void start(long initialDelayNanos) {
        client.scheduler().execute(() -> ticks = client.scheduler().scheduleAtFixedRate(this::tick,
                initialDelayNanos, plan.periodNanos(), TimeUnit.NANOSECONDS));
    }

    void stop() {
        client.scheduler().execute(this::stopTicking);
    }

    AsyncMqttClient client() {
        return client;
    }

    private void tick() {
        if (!client.isConnected()) {
            stopTicking();
            return;
        }
        Reading reading = walk.next(Instant.ofEpochMilli(System.currentTimeMillis()));
        published++;
        publish(Topics.telemetry(deviceId), reading.toJson(), false);
        if (plan.alertAbove().isPresent() && reading.temperature() > plan.alertAbove().getAsDouble()) {
            publish(Topics.alerts(deviceId), TemperatureAlert.of(reading, plan.alertAbove().getAsDouble()).toJson(),
                    true);
        }
        if (published >= plan.readingsPerDevice()) {
            stopTicking();
        }
    }

    private void publish(String topic, String json, boolean alert) {
        counters.sent(alert);
        client.publish(topic, json.getBytes(StandardCharsets.UTF_8), plan.qos(), false)
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        counters.acked();
                    } else {
                        counters.failed();
                    }
                });
    }

    private void stopTicking() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        finished.complete(null);
    }
}
