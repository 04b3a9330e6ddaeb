package dev.reddot.broker.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reddot.protocol.Topics;

/**
 * The topics of each device ({@code devices/{sub}/…}) that hold a retained message in the broker's store, plus those a
 * device's connection has been allowed a retained message on that the store has not taken yet, less those a
 * connection is clearing: what {@code retained-topics-per-device} caps. The stored ones are read from the store when
 * the broker starts and follow every change the store makes (the broker's {@code RetainedStore} reports them), so the
 * count cannot drift from what is kept, whoever changed it (a device, a service, an expiry). A place taken for a
 * publish is held, and one being cleared is free, until the store has changed or the connection ends: simultaneous
 * publishes, even from several connections of a device, cannot pass the cap together. Holds the topics of devices
 * only, at most the cap per device unless a service wrote more.
 */
public final class RetainedTopics {

    private final int perDevice;
    private final Map<String, DeviceTopics> byDevice = new ConcurrentHashMap<>();
    private final LoadedFromStore loaded = new LoadedFromStore();

    /**
     * A device's topics: kept in the store; taken by a connection for a publish on its way to the store; kept but
     * being cleared by a connection (Moquette acknowledges a PUBLISH before it changes the store, so a device that
     * clears a topic and then publishes a new one would otherwise find its place still taken).
     */
    private static final class DeviceTopics {
        final Set<String> stored = new HashSet<>();
        final Map<String, Object> taken = new HashMap<>();
        final Map<String, Object> clearing = new HashMap<>();

        int size() {
            return stored.size() - clearing.size() + taken.size();
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
        loaded.done();
    }

    /** Waits for {@link #load}: a connection accepted before would be judged on an empty count. */
    boolean awaitLoaded() {
        return loaded.await();
    }

    /** The store now keeps a retained message on {@code topic}. */
    public void stored(String topic) {
        Topics.deviceIdOf(topic).ifPresent(device -> byDevice.compute(device, (key, topics) -> {
            DeviceTopics kept = topics == null ? new DeviceTopics() : topics;
            kept.taken.remove(topic);
            kept.clearing.remove(topic);
            kept.stored.add(topic);
            return kept;
        }));
    }

    /** The store no longer keeps a retained message on {@code topic}. */
    public void cleared(String topic) {
        Topics.deviceIdOf(topic).ifPresent(device -> byDevice.computeIfPresent(device, (key, topics) -> {
            topics.stored.remove(topic);
            topics.clearing.remove(topic);
            return topics.isEmpty() ? null : topics;
        }));
    }

    /**
     * Whether {@code connection} may publish a retained message on {@code topic} of {@code device}: a topic kept or
     * taken already, or a new one (or one being cleared) while the device has fewer than the cap, whose place it then
     * takes.
     */
    boolean admit(String device, String topic, Object connection) {
        boolean[] admitted = new boolean[1];
        byDevice.compute(device, (key, topics) -> {
            DeviceTopics kept = topics == null ? new DeviceTopics() : topics;
            boolean counted = kept.stored.contains(topic) && !kept.clearing.containsKey(topic)
                    || kept.taken.containsKey(topic);
            if (counted) {
                admitted[0] = true;
            } else if (kept.size() < perDevice) {
                if (kept.clearing.remove(topic) == null) {
                    kept.taken.put(topic, connection);
                }
                admitted[0] = true;
            }
            return kept.isEmpty() ? null : kept;
        });
        return admitted[0];
    }

    /** {@code connection} clears the retained message of {@code topic}: its place counts as free from now on. */
    void clearing(String device, String topic, Object connection) {
        byDevice.computeIfPresent(device, (key, topics) -> {
            if (topics.stored.contains(topic)) {
                topics.clearing.put(topic, connection);
            }
            return topics;
        });
    }

    /** The publish on {@code topic} will not change the store (refused by the broker): undoes what it counted. */
    void refusedByBroker(String device, String topic, Object connection) {
        byDevice.computeIfPresent(device, (key, topics) -> {
            topics.taken.remove(topic, connection);
            topics.clearing.remove(topic, connection);
            return topics.isEmpty() ? null : topics;
        });
    }

    /** {@code connection} ended: what it took or cleared that the store never got counts as before. */
    void connectionEnded(Collection<String> devices, Object connection) {
        for (String device : devices) {
            byDevice.computeIfPresent(device, (key, topics) -> {
                topics.taken.values().removeIf(holder -> holder == connection);
                topics.clearing.values().removeIf(holder -> holder == connection);
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
