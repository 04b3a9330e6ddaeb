package dev.reddot.broker.robustness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The publisher-service as the broker sees it: an admin connection publishing counts to {@code /message/u{n}} at QoS 1
 * at a steady rate, without waiting for one PUBACK before the next publish (as the service pipelines its counts), and
 * timing each publish until its PUBACK. The schedule does not slow down when PUBACKs do, so a broker that falls
 * behind shows in the latencies rather than in fewer publishes.
 */
final class TimedCountPublisher implements AutoCloseable {

    private static final int USERS = 100;

    private final MqttAsyncClient client;
    private final ScheduledExecutorService timer;
    private final AtomicLong sent = new AtomicLong();
    /** Publish number → when it was sent (System.nanoTime), until its PUBACK arrives. */
    private final Map<Long, Long> unacknowledged = new ConcurrentHashMap<>();
    private volatile ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();

    private TimedCountPublisher(MqttAsyncClient client) {
        this.client = client;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "timed-count-publisher"));
    }

    static TimedCountPublisher start(String url, String subject, String token, int perSecond) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "timed-publisher", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(subject);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(10_000);
        TimedCountPublisher publisher = new TimedCountPublisher(client);
        publisher.timer.scheduleAtFixedRate(publisher::publishNext, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return publisher;
    }

    /**
     * The latencies since the last call, once the publishes sent until now have had {@code grace} to be acknowledged;
     * those still unacknowledged then count as failed.
     */
    Latencies phase(Duration grace) throws InterruptedException {
        long end = sent.get();
        long deadline = System.nanoTime() + grace.toNanos();
        while (unacknowledged.keySet().stream().anyMatch(number -> number < end) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ConcurrentLinkedQueue<Long> phase = latencies;
        latencies = new ConcurrentLinkedQueue<>();
        int late = (int) unacknowledged.keySet().stream().filter(number -> number < end).count();
        unacknowledged.keySet().removeIf(number -> number < end);
        return Latencies.of(phase, failed.getAndSet(0) + late);
    }

    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException, InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        if (client.isConnected()) {
            client.disconnect(0).waitForCompletion(2_000);
        }
        client.close(true);
    }

    private void publishNext() {
        long number = sent.getAndIncrement();
        MqttMessage count = new MqttMessage(Long.toString(number).getBytes(StandardCharsets.UTF_8));
        count.setQos(1);
        long at = System.nanoTime();
        unacknowledged.put(number, at);
        try {
            client.publish("/message/u" + number % USERS, count, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (unacknowledged.remove(number) != null) {
                        latencies.add(System.nanoTime() - at);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    if (unacknowledged.remove(number) != null) {
                        failed.incrementAndGet();
                    }
                }
            });
        } catch (MqttException | RuntimeException refused) {
            // recorded, not rethrown: an exception out of a scheduled task would silently cancel the schedule
            unacknowledged.remove(number);
            failed.incrementAndGet();
        }
    }
}
