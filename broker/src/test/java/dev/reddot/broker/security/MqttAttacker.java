package dev.reddot.broker.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

import dev.reddot.broker.testing.MessageCallback;

/**
 * A client as an attacker drives it, over MQTT 5 or 3.1.1 (Paho's two clients), TCP or WebSocket: it connects with
 * whatever credentials, client id and Will Message it likes, and records what reaches it and whether it was thrown out.
 */
final class MqttAttacker implements AutoCloseable {

    /** What reached the attacker: topic, payload and user properties. */
    record Received(String topic, String payload, Map<String, String> userProperties) {
    }

    /** A Will Message to connect with. */
    record Will(String topic, String payload, int qos, boolean retained, Map<String, String> userProperties) {
    }

    private final Mqtt5 v5;
    private final Mqtt311 v3;

    private MqttAttacker(Mqtt5 v5, Mqtt311 v3) {
        this.v5 = v5;
        this.v3 = v3;
    }

    /**
     * Connects, or throws the broker's refusal: an {@link MqttRefused} carrying the CONNACK code.
     *
     * @param username null for none; "" for an empty one
     * @param password null for none
     */
    static MqttAttacker connect(boolean mqtt5, String url, String clientId, String username, String password,
                                boolean cleanStart, Will will) throws MqttRefused {
        try {
            return mqtt5 ? new MqttAttacker(Mqtt5.connect(url, clientId, username, password, cleanStart, will), null)
                    : new MqttAttacker(null, Mqtt311.connect(url, clientId, username, password, cleanStart, will));
        } catch (MqttException e) {
            throw new MqttRefused(e.getReasonCode());
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new MqttRefused(e.getReasonCode());
        }
    }

    /** The codes of the broker's SUBACK, one per filter. */
    List<Integer> subscribe(String... filters) throws Exception {
        return v5 != null ? v5.subscribe(filters) : v3.subscribe(filters);
    }

    void publish(String topic, String payload, int qos, boolean retained, Map<String, String> userProperties)
            throws Exception {
        if (v5 != null) {
            v5.publish(topic, payload, qos, retained, userProperties);
        } else {
            v3.client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained).waitForCompletion(10_000);
        }
    }

    boolean isConnected() {
        return v5 != null ? v5.client.isConnected() : v3.client.isConnected();
    }

    /** Drops the connection without DISCONNECT, so that the broker publishes the Will Message. */
    void drop() throws Exception {
        if (v5 != null) {
            v5.client.disconnectForcibly(0, 1_000, false);
        } else {
            v3.client.disconnectForcibly(0, 1_000, false);
        }
    }

    Received next(Duration timeout) throws InterruptedException {
        Received message = received().poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No MQTT message within " + timeout);
        }
        return message;
    }

    /** Whatever arrives within the window: for proving that nothing does. */
    List<Received> drain(Duration window) throws InterruptedException {
        Received first = received().poll(window.toMillis(), TimeUnit.MILLISECONDS);
        List<Received> all = new ArrayList<>();
        if (first != null) {
            all.add(first);
            received().drainTo(all);
        }
        return all;
    }

    private BlockingQueue<Received> received() {
        return v5 != null ? v5.received : v3.received;
    }

    @Override
    public void close() throws Exception {
        if (v5 != null) {
            if (v5.client.isConnected()) {
                v5.client.disconnect().waitForCompletion(5_000);
            }
            v5.client.close();
        } else {
            if (v3.client.isConnected()) {
                v3.client.disconnect().waitForCompletion(5_000);
            }
            v3.client.close(true);
        }
    }

    /** The broker refused the CONNECT: {@code code} is its CONNACK code as Paho reports it. */
    static final class MqttRefused extends Exception {

        final int code;

        MqttRefused(int code) {
            super("CONNECT refused with " + code);
            this.code = code;
        }
    }

    private static final class Mqtt5 {

        final MqttAsyncClient client;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        private Mqtt5(MqttAsyncClient client) {
            this.client = client;
        }

        static Mqtt5 connect(String url, String clientId, String username, String password, boolean cleanStart,
                             Will will) throws MqttException {
            Mqtt5 mqtt = new Mqtt5(new MqttAsyncClient(url, clientId, new MemoryPersistence()));
            mqtt.client.setCallback(MessageCallback.of((topic, message) -> mqtt.received.add(new Received(topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getProperties().getUserProperties().stream()
                            .collect(Collectors.toMap(UserProperty::getKey, UserProperty::getValue, (a, b) -> b)))),
                    trouble -> { }));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(cleanStart);
            options.setSessionExpiryInterval(cleanStart ? 0L : 300L);
            options.setAutomaticReconnect(false);
            if (username != null) {
                options.setUserName(username);
            }
            if (password != null) {
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            if (will != null) {
                MqttMessage message = new MqttMessage(will.payload().getBytes(StandardCharsets.UTF_8), will.qos(),
                        will.retained(), null);
                options.setWill(will.topic(), message);
                MqttProperties willProperties = new MqttProperties();
                willProperties.setUserProperties(userProperties(will.userProperties()));
                options.setWillMessageProperties(willProperties);
            }
            try {
                mqtt.client.connect(options).waitForCompletion(10_000);
            } catch (MqttException refused) {
                mqtt.client.close();
                throw refused;
            }
            return mqtt;
        }

        List<Integer> subscribe(String... filters) throws MqttException {
            MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
            for (int i = 0; i < filters.length; i++) {
                subscriptions[i] = new MqttSubscription(filters[i], 1);
            }
            IMqttToken token = client.subscribe(subscriptions);
            token.waitForCompletion(10_000);
            List<Integer> codes = new ArrayList<>();
            for (int code : token.getReasonCodes()) {
                codes.add(code);
            }
            return codes;
        }

        void publish(String topic, String payload, int qos, boolean retained, Map<String, String> userProperties)
                throws MqttException {
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(userProperties(userProperties));
            client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retained, properties))
                    .waitForCompletion(10_000);
        }

        private static List<UserProperty> userProperties(Map<String, String> pairs) {
            return pairs.entrySet().stream().map(pair -> new UserProperty(pair.getKey(), pair.getValue()))
                    .collect(Collectors.toList());
        }
    }

    private static final class Mqtt311 {

        final org.eclipse.paho.client.mqttv3.MqttAsyncClient client;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        private Mqtt311(org.eclipse.paho.client.mqttv3.MqttAsyncClient client) {
            this.client = client;
        }

        static Mqtt311 connect(String url, String clientId, String username, String password, boolean cleanSession,
                               Will will) throws org.eclipse.paho.client.mqttv3.MqttException {
            Mqtt311 mqtt = new Mqtt311(new org.eclipse.paho.client.mqttv3.MqttAsyncClient(url, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence()));
            mqtt.client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    mqtt.received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                            Map.of()));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(cleanSession);
            if (username != null) {
                options.setUserName(username);
            }
            if (password != null) {
                options.setPassword(password.toCharArray());
            }
            if (will != null) {
                options.setWill(will.topic(), will.payload().getBytes(StandardCharsets.UTF_8), will.qos(),
                        will.retained());
            }
            try {
                mqtt.client.connect(options).waitForCompletion(10_000);
            } catch (org.eclipse.paho.client.mqttv3.MqttException refused) {
                mqtt.client.close(true);
                throw refused;
            }
            return mqtt;
        }

        List<Integer> subscribe(String... filters) throws org.eclipse.paho.client.mqttv3.MqttException {
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            org.eclipse.paho.client.mqttv3.IMqttToken token = client.subscribe(filters, qos);
            token.waitForCompletion(10_000);
            List<Integer> codes = new ArrayList<>();
            for (int code : token.getGrantedQos()) {
                codes.add(code);
            }
            return codes;
        }
    }
}
