package dev.reddot.broker.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.reddot.protocol.Topics;

/**
 * The topics of each device ({@code devices/{sub}/…}) that hold a retained message in the broker's store, and those a
 * device's connection has been allowed a retained message on that the store has not taken yet: what
 * {@code retained-topics-per-device} caps. The stored ones are read from the store when the broker starts and follow
 * every change the store makes (the broker's {@code RetainedStore} reports them), so the count cannot drift from what
 * is kept, whoever changed it (a device, a service, an expiry). A place taken for a publish is held until the store
 * has the topic or the connection ends: simultaneous publishes, even from several connections of a device, cannot
 * pass the cap together. Holds only the topics of devices, at most the cap per device unless a service wrote more.
 */
public final class RetainedTopics {

    private static final Duration LOADING = Duration.ofSeconds(30);

    private final int perDevice;
    private final Map<String, DeviceTopics> byDevice = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);

    /** A device's topics: kept in the store, and taken by a connection for a publish on its way to the store. */
    private static final class DeviceTopics {
        final Set<String> stored = new HashSet<>();
        final Map<String, Object> taken = new HashMap<>();

        int size() {
            return stored.size() + taken.size();
        }

        boolean isEmpty() {
            return stored.isEmpty() && taken.isEmpty();
        }
    }

    RetainedTopics(int perDevice) {
        this.perDevice = perDevice;
    }

    /** The topics the store held at start-up; from now on connections may be judged. */
    public void load(Collection<String> storedTopics) {
        storedTopics.forEach(this::stored);
        loaded.countDown();
    }

    /** Waits for {@link #load}: a connection accepted before would be judged on an empty count. */
    boolean awaitLoaded() {
        try {
            return loaded.await(LOADING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The store now keeps a retained message on {@code topic}. */
    public void stored(String topic) {
        Topics.deviceIdOf(topic).ifPresent(device -> byDevice.compute(device, (key, topics) -> {
            DeviceTopics kept = topics == null ? new DeviceTopics() : topics;
            kept.taken.remove(topic);
            kept.stored.add(topic);
            return kept;
        }));
    }

    /** The store no longer keeps a retained message on {@code topic}. */
    public void cleared(String topic) {
        Topics.deviceIdOf(topic).ifPresent(device -> byDevice.computeIfPresent(device, (key, topics) -> {
            topics.stored.remove(topic);
            return topics.isEmpty() ? null : topics;
        }));
    }

    /**
     * Whether {@code connection} may publish a retained message on {@code topic} of {@code device}: a topic kept or
     * taken already, or a new one while the device has fewer than the cap, whose place it then takes.
     */
    boolean admit(String device, String topic, Object connection) {
        boolean[] admitted = new boolean[1];
        byDevice.compute(device, (key, topics) -> {
            DeviceTopics kept = topics == null ? new DeviceTopics() : topics;
            if (kept.stored.contains(topic) || kept.taken.containsKey(topic)) {
                admitted[0] = true;
            } else if (kept.size() < perDevice) {
                kept.taken.put(topic, connection);
                admitted[0] = true;
            }
            return kept.isEmpty() ? null : kept;
        });
        return admitted[0];
    }

    /** The publish on {@code topic} will not reach the store (refused by the broker): its place is free again. */
    void giveBack(String device, String topic, Object connection) {
        byDevice.computeIfPresent(device, (key, topics) -> {
            topics.taken.remove(topic, connection);
            return topics.isEmpty() ? null : topics;
        });
    }

    /** {@code connection} ended: the places it took for publishes the store never got are free again. */
    void connectionEnded(Collection<String> devices, Object connection) {
        for (String device : devices) {
            byDevice.computeIfPresent(device, (key, topics) -> {
                topics.taken.values().removeIf(holder -> holder == connection);
                return topics.isEmpty() ? null : topics;
            });
        }
    }

    /** How many topics {@code device} holds retained messages on, or has been allowed to. */
    int count(String device) {
        DeviceTopics topics = byDevice.get(device);
        return topics == null ? 0 : topics.size();
    }

    int perDevice() {
        return perDevice;
    }
}
