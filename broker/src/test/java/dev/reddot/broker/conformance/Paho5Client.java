package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.broker.testing.MessageCallback;

/**
 * A Paho MQTT 5 client with the session options a check chooses (client id, clean start, session expiry…), recording
 * what it receives with the subscription identifiers. {@code RecordingMqttClient} covers the plain clean-start case.
 */
final class Paho5Client implements AutoCloseable {

    /** A delivered message as the subscriber sees it. */
    record Message(String topic, String payload, int qos, boolean retained, List<Integer> subscriptionIds) {
    }

    private static final Logger log = LoggerFactory.getLogger(Paho5Client.class);
    private static final long TIMEOUT_MS = Waits.DELIVERY.toMillis();

    private final MqttAsyncClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private boolean sessionPresent;

    private Paho5Client(MqttAsyncClient client) {
        this.client = client;
    }

    static Paho5Client connect(BrokerUnderTest broker, String clientId, Consumer<MqttConnectionOptions> choices)
            throws MqttException {
        return connect(broker.tcpUrl(), clientId, choices);
    }

    static Paho5Client connect(String url, String clientId, Consumer<MqttConnectionOptions> choices) throws MqttException {
        Paho5Client recording = new Paho5Client(new MqttAsyncClient(url, clientId, new MemoryPersistence()));
        recording.client.setCallback(recording.callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout((int) Waits.DELIVERY.toSeconds());
        // the checks set subscription identifiers themselves; Paho would otherwise number every SUBSCRIBE
        options.setUseSubscriptionIdentifiers(false);
        choices.accept(options);
        try {
            IMqttToken connected = recording.client.connect(options);
            connected.waitForCompletion(TIMEOUT_MS);
            recording.sessionPresent = connected.getSessionPresent();
            return recording;
        } catch (MqttException e) {
            recording.client.close(true);
            throw e;
        }
    }

    /** A clean-start client with a fresh id. */
    static Paho5Client connect(BrokerUnderTest broker) throws MqttException {
        return connect(broker, Names.clientId(), options -> { });
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    /** Subscribes and returns the SUBACK reason codes. */
    List<Integer> subscribe(MqttSubscription... subscriptions) throws MqttException {
        return subscribe(new MqttProperties(), subscriptions);
    }

    List<Integer> subscribeWithId(int subscriptionId, MqttSubscription... subscriptions) throws MqttException {
        MqttProperties properties = new MqttProperties();
        properties.setSubscriptionIdentifier(subscriptionId);
        return subscribe(properties, subscriptions);
    }

    private List<Integer> subscribe(MqttProperties properties, MqttSubscription... subscriptions) throws MqttException {
        IMqttToken token = client.subscribe(subscriptions, null, null, properties);
        token.waitForCompletion(TIMEOUT_MS);
        return Arrays.stream(token.getReasonCodes()).boxed().toList();
    }

    static MqttSubscription subscription(String filter, int qos) {
        return new MqttSubscription(filter, qos);
    }

    void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain).waitForCompletion(TIMEOUT_MS);
    }

    /** The next message, or a check failure naming what was awaited. */
    Message next(Duration wait, String awaited) throws InterruptedException {
        Message message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new CheckFailure(awaited + " did not arrive within " + wait.toMillis() + " ms");
        }
        return message;
    }

    /** The next message and whatever follows it within {@link Waits#QUIET}: for counting copies. */
    List<Message> burst(String awaited) throws InterruptedException {
        List<Message> all = new ArrayList<>(List.of(next(Waits.DELIVERY, awaited)));
        all.addAll(drain(Waits.QUIET));
        return all;
    }

    /** Everything that arrives within the window. */
    List<Message> drain(Duration window) throws InterruptedException {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Message message = received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                break;
            }
            all.add(message);
        }
        return all;
    }

    /** A DISCONNECT carrying a Session Expiry Interval, which replaces the one given on CONNECT. */
    void disconnectWithSessionExpiry(long seconds) throws MqttException {
        MqttProperties properties = new MqttProperties();
        properties.setSessionExpiryInterval(seconds);
        client.disconnect(TIMEOUT_MS, null, null, 0, properties).waitForCompletion(TIMEOUT_MS);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TIMEOUT_MS);
            }
        } catch (MqttException e) {
            // a broker that already dropped the client: close the client all the same
            log.debug("Paho v5 client {} did not disconnect cleanly: {}", client.getClientId(), e.toString());
        }
        client.close(true);
    }

    private MqttCallback callback() {
        return MessageCallback.of((topic, message) -> {
            List<Integer> ids = message.getProperties().getSubscriptionIdentifiers();
            received.add(new Message(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(), message.isRetained(), ids == null ? List.of() : List.copyOf(ids)));
        }, trouble -> log.debug("Paho v5 client {}: {}", client.getClientId(), trouble));
    }
}
