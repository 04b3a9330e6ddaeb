package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Paho MQTT 3.1.1 client with a chosen client id and clean-session flag, recording what it receives. */
final class Paho3Client implements AutoCloseable {

    /** A delivered message as an MQTT 3.1.1 subscriber sees it, with its packet id and DUP flag. */
    record Message(String topic, String payload, int qos, boolean retained, int packetId, boolean dup) {
    }

    private static final Logger log = LoggerFactory.getLogger(Paho3Client.class);
    private static final long TIMEOUT_MS = Waits.DELIVERY.toMillis();

    private final MqttAsyncClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private boolean sessionPresent;

    private Paho3Client(MqttAsyncClient client) {
        this.client = client;
    }

    static Paho3Client connect(BrokerUnderTest broker, String clientId, boolean cleanSession) throws MqttException {
        return connect(broker.tcpUrl(), clientId, cleanSession, false);
    }

    /**
     * @param url        {@code tcp://…} or {@code ws://…}
     * @param manualAcks whether a QoS 1/2 message is acknowledged only when the check says so ({@link #acknowledge}),
     *                   to leave deliveries unacknowledged
     */
    static Paho3Client connect(String url, String clientId, boolean cleanSession, boolean manualAcks)
            throws MqttException {
        Paho3Client recording = new Paho3Client(new MqttAsyncClient(url, clientId, new MemoryPersistence()));
        recording.client.setCallback(recording.callback());
        recording.client.setManualAcks(manualAcks);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout((int) Waits.DELIVERY.toSeconds());
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

    boolean sessionPresent() {
        return sessionPresent;
    }

    void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(TIMEOUT_MS);
    }

    /** With manual acknowledgements: the PUBACK (or PUBCOMP) of {@code message} goes out now. */
    void acknowledge(Message message) throws MqttException {
        client.messageArrivedComplete(message.packetId(), message.qos());
    }

    /** Nothing arrives within {@code wait}. */
    boolean receivesNothingWithin(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    Message next(Duration wait, String awaited) throws InterruptedException {
        Message message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new CheckFailure(awaited + " did not arrive within " + wait.toMillis() + " ms");
        }
        return message;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TIMEOUT_MS);
            }
        } catch (MqttException e) {
            // a broker that already dropped the client: close the client all the same
            log.debug("Paho v3 client {} did not disconnect cleanly: {}", client.getClientId(), e.toString());
        }
        client.close(true);
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.debug("Paho v3 client {} lost its connection: {}", client.getClientId(), cause.toString());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Message(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.getQos(), message.isRetained(), message.getId(), message.isDuplicate()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }
}
