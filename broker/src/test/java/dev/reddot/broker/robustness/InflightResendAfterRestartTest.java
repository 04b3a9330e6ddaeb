package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An MQTT 3.1.1 device with a persistent session leaves QoS 1 messages unacknowledged, the broker restarts, and hundreds
 * of CONNECTs of its client id race each other before it settles: it still gets them again at once, in the order first
 * sent, with their packet ids and DUP; a new message is numbered apart from them; its acknowledgements end them.
 */
class InflightResendAfterRestartTest {

    private static final int CONCURRENT_CONNECTS = 300;
    private static final String CLIENT_ID = "device-1";
    private static final String TOPIC = "news/device-1";
    private static final Duration AT_ONCE = Duration.ofMillis(1_500);
    private static final Duration ANSWER = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    enum Transport {
        TCP(TestBroker::tcpUrl), WEBSOCKET(TestBroker::websocketUrl);

        private final Function<TestBroker, String> url;

        Transport(Function<TestBroker, String> url) {
            this.url = url;
        }
    }

    /** A Paho MQTT 3.1.1 client that acknowledges only when told to. */
    private record Device(MqttAsyncClient client, BlockingQueue<MqttMessage> received, boolean sessionPresent)
            implements AutoCloseable {

        static Device connect(String url) throws MqttException {
            MqttAsyncClient client = new MqttAsyncClient(url, CLIENT_ID, new MemoryPersistence());
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            client.setManualAcks(true);
            client.setCallback(recordingInto(received));
            IMqttToken connected = client.connect(persistentSession());
            connected.waitForCompletion(ANSWER.toMillis());
            return new Device(client, received, connected.getSessionPresent());
        }

        MqttMessage next(Duration wait) throws InterruptedException {
            MqttMessage message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + wait.toMillis() + " ms").isNotNull();
            return message;
        }

        void acknowledge(MqttMessage message) throws MqttException {
            client.messageArrivedComplete(message.getId(), message.getQos());
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(ANSWER.toMillis());
            }
            client.close(true);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void resendsWhatWasUnacknowledgedAtOnceAfterARestartAndRacingReconnects(Transport transport) throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             BrokerLogCapture log = BrokerLogCapture.attach("io.moquette", "dev.reddot")) {
            String url = transport.url.apply(broker);
            List<Integer> firstIds = new ArrayList<>();
            try (Device device = Device.connect(url)) {
                device.client().subscribe(TOPIC, 1).waitForCompletion(ANSWER.toMillis());
                publish(broker, "one", "two", "three");
                for (int i = 0; i < 3; i++) {
                    firstIds.add(device.next(Duration.ofSeconds(5)).getId());
                }
                broker.stop();
                broker.start();
            }
            connectAtOnce(url);

            long reconnecting = System.nanoTime();
            try (Device back = Device.connect(url)) {
                assertThat(back.sessionPresent()).as("Session Present after the restart").isTrue();
                List<MqttMessage> resent = List.of(back.next(AT_ONCE), back.next(AT_ONCE), back.next(AT_ONCE));
                long millis = (System.nanoTime() - reconnecting) / 1_000_000;
                assertThat(resent).extracting(InflightResendAfterRestartTest::text)
                        .as("resent in the order first sent, %d ms after connecting", millis)
                        .containsExactly("one", "two", "three");
                assertThat(resent).extracting(MqttMessage::getId).containsExactlyElementsOf(firstIds);
                assertThat(resent).allMatch(MqttMessage::isDuplicate);

                publish(broker, "four");
                MqttMessage fresh = back.next(Duration.ofSeconds(5));
                assertThat(text(fresh)).isEqualTo("four");
                assertThat(fresh.getId()).as("a new message's packet id").isNotIn(firstIds);
                for (MqttMessage message : resent) {
                    back.acknowledge(message);
                }
                back.acknowledge(fresh);
            }
            try (Device again = Device.connect(url)) {
                assertThat(again.received().poll(1, TimeUnit.SECONDS)).as("sent again after being acknowledged")
                        .isNull();
            }
            assertThat(log.groups()).as("broker log lines at WARN or above, Moquette's takeover races aside")
                    .allMatch(CleanStartSessionsTest::isMoquettesTakeoverRace);
        }
    }

    /**
     * An MQTT 5 session with a Receive Maximum of 2 leaves two QoS 1 messages unacknowledged: after the restart they
     * come back with their properties, and they hold their two slots: a message published meanwhile waits for a PUBACK.
     */
    @Test
    void anMqtt5SessionGetsItsCopiesBackWithTheirPropertiesWithinItsReceiveMaximum() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            List<Integer> firstIds = new ArrayList<>();
            try (Mqtt5Device device = Mqtt5Device.connect(broker.tcpUrl())) {
                device.client().subscribe(TOPIC, 1).waitForCompletion(ANSWER.toMillis());
                publish(broker, "one", "two");
                firstIds.add(device.next(Duration.ofSeconds(5)).getId());
                firstIds.add(device.next(Duration.ofSeconds(5)).getId());
                broker.stop();
                broker.start();
            }
            try (Mqtt5Device back = Mqtt5Device.connect(broker.tcpUrl())) {
                assertThat(back.sessionPresent()).as("Session Present after the restart").isTrue();
                List<org.eclipse.paho.mqttv5.common.MqttMessage> resent = List.of(back.next(AT_ONCE), back.next(AT_ONCE));
                assertThat(resent).extracting(message -> new String(message.getPayload(), StandardCharsets.UTF_8))
                        .containsExactly("one", "two");
                assertThat(resent).extracting(org.eclipse.paho.mqttv5.common.MqttMessage::getId)
                        .containsExactlyElementsOf(firstIds);
                // Paho v5 does not pass DUP on; the conformance row checks it on the wire
                assertThat(resent).allSatisfy(message -> assertThat(message.getProperties().getUserProperties())
                        .extracting(UserProperty::getKey, UserProperty::getValue)
                        .contains(org.assertj.core.groups.Tuple.tuple("note", "kept")));

                publish(broker, "three");
                assertThat(back.received().poll(500, TimeUnit.MILLISECONDS))
                        .as("a third message while two are unacknowledged, Receive Maximum 2").isNull();
                back.acknowledge(resent.get(0));
                org.eclipse.paho.mqttv5.common.MqttMessage third = back.next(Duration.ofSeconds(5));
                assertThat(new String(third.getPayload(), StandardCharsets.UTF_8)).isEqualTo("three");
                assertThat(third.getId()).isNotIn(firstIds);
                back.acknowledge(resent.get(1));
                back.acknowledge(third);
            }
            try (Mqtt5Device again = Mqtt5Device.connect(broker.tcpUrl())) {
                assertThat(again.received().poll(1, TimeUnit.SECONDS)).as("sent again after being acknowledged")
                        .isNull();
            }
        }
    }

    /** A Paho MQTT 5 client with a persistent session and a Receive Maximum of 2 that acknowledges when told to. */
    private record Mqtt5Device(org.eclipse.paho.mqttv5.client.MqttAsyncClient client,
                               BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> received,
                               boolean sessionPresent) implements AutoCloseable {

        static Mqtt5Device connect(String url) throws org.eclipse.paho.mqttv5.common.MqttException {
            org.eclipse.paho.mqttv5.client.MqttAsyncClient client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
                    url, CLIENT_ID, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> received = new LinkedBlockingQueue<>();
            client.setManualAcks(true);
            client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                @Override
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
                    // the restart ends the connection on purpose
                }

                @Override
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
                    // a failure shows as a message that does not arrive
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                    received.add(message);
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
                    // this client only receives
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    // connected by the test
                }

                @Override
                public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
                    // no enhanced authentication
                }
            });
            org.eclipse.paho.mqttv5.client.MqttConnectionOptions options =
                    new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3_600L);
            options.setReceiveMaximum(2);
            options.setConnectionTimeout((int) ANSWER.toSeconds());
            org.eclipse.paho.mqttv5.client.IMqttToken connected = client.connect(options);
            connected.waitForCompletion(ANSWER.toMillis());
            return new Mqtt5Device(client, received, connected.getSessionPresent());
        }

        org.eclipse.paho.mqttv5.common.MqttMessage next(Duration wait) throws InterruptedException {
            org.eclipse.paho.mqttv5.common.MqttMessage message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + wait.toMillis() + " ms").isNotNull();
            return message;
        }

        void acknowledge(org.eclipse.paho.mqttv5.common.MqttMessage message)
                throws org.eclipse.paho.mqttv5.common.MqttException {
            client.messageArrivedComplete(message.getId(), message.getQos());
        }

        @Override
        public void close() throws org.eclipse.paho.mqttv5.common.MqttException {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(ANSWER.toMillis());
            }
            client.close(true);
        }
    }

    @Test
    void forgetsWhatASessionLeftUnacknowledgedOnceItHasExpiredAlsoAcrossARestart() throws Exception {
        BrokerProperties.Limits defaults = BrokerProperties.Limits.DEFAULTS;
        BrokerProperties.Limits twoSeconds = new BrokerProperties.Limits(defaults.receiveMaximum(),
                defaults.serviceReceiveMaximum(), defaults.subscriptionsPerClient(), Duration.ofSeconds(2),
                defaults.persistentSessionsPerSubject(), defaults.queuedMessagesPerSession(),
                defaults.retainedTopicsPerDevice(), defaults.publishRatePerSubject(), defaults.publishBurstPerSubject());
        try (TestBroker broker = TestBroker.start(dataDir, twoSeconds)) {
            try (Device device = Device.connect(broker.tcpUrl())) {
                device.client().subscribe(TOPIC, 1).waitForCompletion(ANSWER.toMillis());
                publish(broker, "one");
                device.next(Duration.ofSeconds(5));
                broker.stop();
                broker.start();
            }
            assertThat(broker.clientIdsWithUnacknowledgedDeliveries()).as("restored").isEqualTo(1);
            // the session expires 2 s after the restart at the latest, the sweep runs every 2 s
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.clientIdsWithUnacknowledgedDeliveries() == 0);
            broker.stop();
            broker.start();
            assertThat(broker.clientIdsWithUnacknowledgedDeliveries()).as("restored after the next restart").isZero();
        }
    }

    /**
     * CONNECTs of {@link #CONCURRENT_CONNECTS} clients of one client id at once, none acknowledging what it gets;
     * returns once the broker holds at most one of them, all closed.
     */
    private static void connectAtOnce(String url) throws MqttException {
        List<MqttAsyncClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONCURRENT_CONNECTS; i++) {
                MqttAsyncClient client = new MqttAsyncClient(url, CLIENT_ID, new MemoryPersistence());
                client.setManualAcks(true);
                client.setCallback(recordingInto(new LinkedBlockingQueue<>()));
                clients.add(client);
                client.connect(persistentSession());
            }
            await().atMost(ANSWER).untilAsserted(() -> assertThat(clients.stream().filter(MqttAsyncClient::isConnected))
                    .as("connections of one client id").hasSizeLessThanOrEqualTo(1));
        } finally {
            for (MqttAsyncClient client : clients) {
                client.disconnectForcibly(0, 1_000, false);
                client.close(true);
            }
        }
    }

    private static MqttConnectOptions persistentSession() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setConnectionTimeout((int) ANSWER.toSeconds());
        return options;
    }

    private static MqttCallback recordingInto(BlockingQueue<MqttMessage> received) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the restart and the takeovers end connections on purpose
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // this client only receives
            }
        };
    }

    private static void publish(TestBroker broker, String... payloads) throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            for (String payload : payloads) {
                publisher.publish(TOPIC, payload, 1, false, Map.of("note", "kept"));
            }
        }
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }
}
