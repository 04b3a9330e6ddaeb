package dev.reddot.broker.robustness;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import dev.reddot.broker.testing.MessageCallback;

/**
 * A well-behaved MQTT 5 subscriber (Paho, TCP or WebSocket) that must stay connected through the attack: it
 * records the sequence numbers it receives and every sign of losing its connection.
 */
final class SteadySubscriber implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final String clientId;
    private final MqttAsyncClient client;
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final List<String> connectionTrouble = new CopyOnWriteArrayList<>();

    private SteadySubscriber(String name, String clientId, MqttAsyncClient client) {
        this.name = name;
        this.clientId = clientId;
        this.client = client;
    }

    static SteadySubscriber connect(String name, String url, String clientId, String topic) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        SteadySubscriber subscriber = new SteadySubscriber(name, clientId, client);
        client.setCallback(subscriber.callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        // a reconnect would hide exactly what this client is here to notice
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        client.subscribe(new MqttSubscription(topic, 1)).waitForCompletion(TIMEOUT_MILLIS);
        return subscriber;
    }

    String name() {
        return name;
    }

    String clientId() {
        return clientId;
    }

    /** Connected now, and never disconnected or told of an error since it subscribed. */
    boolean stayedConnected() {
        return client.isConnected() && connectionTrouble.isEmpty();
    }

    List<String> connectionTrouble() {
        return List.copyOf(connectionTrouble);
    }

    long deliveries() {
        return deliveries.get();
    }

    int distinctReceived() {
        return received.size();
    }

    SortedSet<Long> missing(Collection<Long> expected) {
        SortedSet<Long> missing = new TreeSet<>(expected);
        missing.removeAll(received);
        return missing;
    }

    @Override
    public void close() throws MqttException {
        // no quiesce time: a broker that stopped processing this session must not hold the test
        if (client.isConnected()) {
            client.disconnect(0).waitForCompletion(2_000);
        }
        client.close(true);
    }

    private MqttCallback callback() {
        return MessageCallback.of((topic, message) -> {
            deliveries.incrementAndGet();
            received.add(SteadyPublisher.sequenceOf(new String(message.getPayload(), StandardCharsets.UTF_8)));
        }, connectionTrouble::add);
    }
}
