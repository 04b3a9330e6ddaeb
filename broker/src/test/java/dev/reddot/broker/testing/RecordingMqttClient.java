package dev.reddot.broker.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** A real Paho MQTT 5 client that records every message it receives, for tests to wait on. */
public final class RecordingMqttClient implements AutoCloseable {

    /** A received message, with what a subscriber sees of it. */
    public record Received(String topic, String payload, int qos, boolean retained, Map<String, String> userProperties,
                           String contentType, boolean payloadIsUtf8, byte[] correlationData) {
    }

    private final MqttAsyncClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private boolean sessionPresent;

    private RecordingMqttClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with clean start to {@code tcp://…} or {@code ws://…}. */
    public static RecordingMqttClient connect(String url) throws MqttException {
        return connect(url, "test-" + UUID.randomUUID(), true, 0);
    }

    /** Connects with a session that outlives the connection (clean start false) for {@code sessionExpiry} seconds. */
    public static RecordingMqttClient connectPersistent(String url, String clientId, long sessionExpiry)
            throws MqttException {
        return connect(url, clientId, false, sessionExpiry);
    }

    private static RecordingMqttClient connect(String url, String clientId, boolean cleanStart, long sessionExpiry)
            throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(sessionExpiry);
        return connect(url, clientId, options);
    }

    /** Connects with clean start as {@code username} with {@code token} as password (Reddot's token mode). */
    public static RecordingMqttClient connectWithToken(String url, String username, String token)
            throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        if (token != null) {
            options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        }
        return connect(url, "test-" + UUID.randomUUID(), options);
    }

    /** Connects with the options given; {@code ssl://} and {@code wss://} URLs use the options' socket factory. */
    public static RecordingMqttClient connect(String url, String clientId, MqttConnectionOptions options)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        RecordingMqttClient recording = new RecordingMqttClient(client);
        client.setCallback(recording.callback());
        try {
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(10_000);
            recording.sessionPresent = connected.getSessionPresent();
        } catch (MqttException refused) {
            client.close();
            throw refused;
        }
        return recording;
    }

    /** CONNACK's Session Present flag: the broker still had this client id's session. */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    public RecordingMqttClient subscribe(String filter, int qos) throws MqttException {
        client.subscribe(new MqttSubscription(filter, qos)).waitForCompletion(10_000);
        return this;
    }

    /** Subscribes and answers the broker's reason code for the subscription (the granted QoS, or a refusal). */
    public int subscribeForReasonCode(String filter, int qos) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, qos));
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    /** Publishes and answers the reason code of the broker's PUBACK (QoS 1) or PUBREC (QoS 2). */
    public int publishForReasonCode(String topic, String payload, int qos) throws MqttException {
        IMqttToken token = client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, false,
                new MqttProperties()));
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException refused) {
            return refused.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    public void publish(String topic, String payload, int qos, boolean retain, Map<String, String> userProperties)
            throws MqttException {
        publish(topic, payload, qos, retain, userProperties, new MqttProperties());
    }

    public void publish(String topic, String payload, int qos, boolean retain, Map<String, String> userProperties,
                        MqttProperties properties) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retain, properties);
        message.getProperties().setUserProperties(userProperties.entrySet().stream()
                .map(entry -> new UserProperty(entry.getKey(), entry.getValue()))
                .collect(Collectors.toList()));
        client.publish(topic, message).waitForCompletion(10_000);
    }

    /** The next message, or an assertion failure after the timeout. */
    public Received next(Duration timeout) throws InterruptedException {
        Received message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No MQTT message within " + timeout);
        }
        return message;
    }

    /** Whatever arrives within the window: for proving that nothing does. */
    public List<Received> drain(Duration window) throws InterruptedException {
        Received first = received.poll(window.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Received> all = new ArrayList<>(List.of(first));
        received.drainTo(all);
        return all;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    private MqttCallback callback() {
        return MessageCallback.of((topic, message) -> {
            MqttProperties properties = message.getProperties();
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(), message.isRetained(),
                    properties.getUserProperties().stream()
                            .collect(Collectors.toMap(UserProperty::getKey, UserProperty::getValue, (a, b) -> b)),
                    properties.getContentType(), properties.getPayloadFormat(), properties.getCorrelationData()));
        }, trouble -> { });
    }
}
