package dev.reddot.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import dev.reddot.broker.testing.FreePorts;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsyncMqttClientTest {

    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private MqttConnector connector;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void createConnector() {
        connector = new MqttConnector(MqttUrl.parse(broker.tcpUrl()), 2);
    }

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    @ParameterizedTest(name = "MQTT {0}, QoS {1}")
    @CsvSource({"5,0", "5,1", "5,2", "3,0", "3,1", "3,2"})
    void publishesReachAnotherClientAtEveryQos(String version, int qos) throws Exception {
        MqttProtocol protocol = MqttProtocol.parse(version);
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        AsyncMqttClient subscriber = connect("sub-" + version + "-" + qos, protocol, received::add);
        assertThat(subscriber.subscribe("qos-test/" + version + "/" + qos, qos).get(5, TimeUnit.SECONDS))
                .isEqualTo(qos);
        AsyncMqttClient publisher = connect("pub-" + version + "-" + qos, protocol, message -> { });

        for (int i = 0; i < 20; i++) {
            publisher.publish("qos-test/" + version + "/" + qos, ("m" + i).getBytes(StandardCharsets.UTF_8), qos, false)
                    .get(5, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 20);
        assertThat(received).extracting(ReceivedMessage::payloadText)
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
        assertThat(received).extracting(ReceivedMessage::qos).containsOnly(qos);
    }

    @Test
    void whatItPublishesReachesAPahoSubscriberWithTheRetainFlag() throws Exception {
        try (RecordingMqttClient paho = RecordingMqttClient.connect(broker.tcpUrl())) {
            AsyncMqttClient publisher = connect("retainer", MqttProtocol.V5, message -> { });
            publisher.publish("retained/one", "42".getBytes(StandardCharsets.UTF_8), 1, true).get(5, TimeUnit.SECONDS);

            paho.subscribe("retained/one", 1);

            RecordingMqttClient.Received message = paho.next(Duration.ofSeconds(5));
            assertThat(message.payload()).isEqualTo("42");
            assertThat(message.retained()).isTrue();
        }
    }

    @Test
    void receivesWhatAPahoClientPublishesAtQos2ExactlyOnce() throws Exception {
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        AsyncMqttClient subscriber = connect("paho-listener", MqttProtocol.V5, received::add);
        subscriber.subscribe("from-paho", 2).get(5, TimeUnit.SECONDS);

        try (RecordingMqttClient paho = RecordingMqttClient.connect(broker.tcpUrl())) {
            for (int i = 0; i < 10; i++) {
                paho.publish("from-paho", "p" + i, 2, false, Map.of());
            }
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 10);
        assertThat(received).extracting(ReceivedMessage::payloadText).doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void moreUnacknowledgedPublishesThanTheWindowAllowsWaitTheirTurn() throws Exception {
        MqttClientOptions options = new MqttClientOptions("windowed", MqttProtocol.V5, true, 0, 60, null, null,
                Duration.ofSeconds(5), 2);
        AsyncMqttClient publisher = connector.connect(options, message -> { }).get(5, TimeUnit.SECONDS);

        List<CompletableFuture<Void>> publishes = IntStream.range(0, 50)
                .mapToObj(i -> publisher.publish("window", new byte[] {(byte) i}, 1, false)).toList();

        CompletableFuture.allOf(publishes.toArray(CompletableFuture[]::new))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPublishOnALostConnectionFailsAsLost() throws Exception {
        try (TestBroker doomed = TestBroker.start(dataDir.resolve("doomed"));
             MqttConnector toDoomed = new MqttConnector(MqttUrl.parse(doomed.tcpUrl()), 1)) {
            AsyncMqttClient client = toDoomed.connect(MqttClientOptions.of("doomed", MqttProtocol.V5), message -> { })
                    .get(5, TimeUnit.SECONDS);

            doomed.stop();

            assertThatThrownBy(() -> client.closeFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectionLostException.class);
            assertThatThrownBy(() -> client.publish("t", new byte[1], 1, false).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConnectionLostException.class);
        }
    }

    @Test
    void aClosedPortFailsTheConnect() {
        try (MqttConnector nowhere = new MqttConnector(MqttUrl.parse("tcp://127.0.0.1:" + FreePorts.next()), 1)) {
            assertThatThrownBy(() -> nowhere.connect(MqttClientOptions.of("nobody", MqttProtocol.V5), message -> { })
                    .get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(MqttClientException.class).hasMessageContaining("cannot connect nobody");
        }
    }

    private AsyncMqttClient connect(String clientId, MqttProtocol protocol,
                                    Consumer<ReceivedMessage> onMessage) throws Exception {
        return connector.connect(MqttClientOptions.of(clientId, protocol), onMessage).get(5, TimeUnit.SECONDS);
    }
}
