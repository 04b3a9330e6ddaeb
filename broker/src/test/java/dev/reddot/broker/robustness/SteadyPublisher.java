package dev.reddot.broker.robustness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A well-behaved MQTT 5 publisher: numbered QoS 1 messages at a steady pace, each awaited until the broker's
 * PUBACK, so that a subscriber's count can be checked against what the broker accepted.
 */
final class SteadyPublisher implements AutoCloseable {

    private static final String PREFIX = "seq=";
    private static final long PUBACK_TIMEOUT_MILLIS = 5_000;

    private final MqttAsyncClient client;
    private final String topic;
    private final ScheduledExecutorService timer;
    private final AtomicLong nextSequence = new AtomicLong(1);
    /** Sequence number → when its PUBACK arrived (System.nanoTime). */
    private final NavigableMap<Long, Long> acknowledged = new ConcurrentSkipListMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private SteadyPublisher(MqttAsyncClient client, String topic) {
        this.client = client;
        this.topic = topic;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "steady-publisher"));
    }

    static SteadyPublisher start(String url, String clientId, String topic, Duration period) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(10_000);
        SteadyPublisher publisher = new SteadyPublisher(client, topic);
        publisher.timer.scheduleWithFixedDelay(publisher::publishNext, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return publisher;
    }

    static long sequenceOf(String payload) {
        if (!payload.startsWith(PREFIX)) {
            return -1;
        }
        return Long.parseLong(payload.substring(PREFIX.length()));
    }

    /** Sequence numbers whose PUBACK arrived before {@code nanoTime}. */
    List<Long> acknowledgedBefore(long nanoTime) {
        return acknowledged.entrySet().stream().filter(entry -> entry.getValue() < nanoTime).map(Map.Entry::getKey)
                .toList();
    }

    List<Long> acknowledged() {
        return List.copyOf(acknowledged.keySet());
    }

    long attempted() {
        return nextSequence.get() - 1;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    boolean connected() {
        return client.isConnected();
    }

    /** Stops publishing; the client stays connected until {@link #close()}. */
    void stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(PUBACK_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS)) {
            failures.add("the publisher's timer did not stop");
        }
    }

    @Override
    public void close() throws MqttException, InterruptedException {
        stop();
        // no quiesce time: unacknowledged publishes would otherwise hold the disconnect for Paho's default 30 s
        if (client.isConnected()) {
            client.disconnect(0).waitForCompletion(2_000);
        }
        client.close(true);
    }

    private void publishNext() {
        long sequence = nextSequence.getAndIncrement();
        MqttMessage message = new MqttMessage((PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            client.publish(topic, message).waitForCompletion(PUBACK_TIMEOUT_MILLIS);
            acknowledged.put(sequence, System.nanoTime());
        } catch (MqttException | RuntimeException e) {
            // recorded, not rethrown: an exception out of a scheduled task would silently cancel the schedule
            failures.add("seq " + sequence + ": " + e);
        }
    }
}
