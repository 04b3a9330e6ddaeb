package dev.reddot.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.reddot.broker.testing.FreePorts;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.simulator.SimulatorCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    /** One broker for the class: starting is quick, stopping Moquette takes about two seconds. */
    @TempDir
    static Path dataDir;

    private static TestBroker broker;
    private RecordingMqttClient subscriber;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dataDir.resolve("shared"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void connectSubscriber() throws Exception {
        subscriber = RecordingMqttClient.connect(broker.tcpUrl());
    }

    @AfterEach
    void closeSubscriber() throws Exception {
        subscriber.close();
    }

    @Test
    void everyReadingOfEveryDeviceArrivesAndTheSummarySaysNothingWasLost() throws Exception {
        subscriber.subscribe("devices/+/telemetry", 1);

        SimulatorCli.Result result = SimulatorCli.execute("run", "--url", broker.tcpUrl(),
                "--devices", "20", "--rate", "5", "--duration", "5s", "--qos", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("sent\\s+500\\s").containsPattern("acked\\s+500\\s")
                .containsPattern("lost\\s+0\\s").containsPattern("errors\\s+0\\s");
        List<Received> readings = receive(500);
        assertThat(readings).hasSize(500);
        assertThat(subscriber.drain(Duration.ofMillis(300))).isEmpty();
        Map<String, Long> perDevice = readings.stream()
                .collect(Collectors.groupingBy(Received::topic, Collectors.counting()));
        assertThat(perDevice).hasSize(20).containsEntry("devices/sensor-1/telemetry", 25L)
                .containsEntry("devices/sensor-20/telemetry", 25L);
        assertThat(perDevice.values()).containsOnly(25L);
        assertThat(readings.get(0).payload()).matches(
                "\\{\"deviceId\":\"sensor-\\d+\",\"seq\":\\d+,\"temperature\":-?\\d+\\.\\d,\"humidity\":\\d+\\.\\d,\"ts\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"}");
    }

    @Test
    void readingsAboveTheThresholdAlsoPublishAlerts() throws Exception {
        subscriber.subscribe("devices/+/alerts", 1);

        SimulatorCli.Result result = SimulatorCli.execute("run", "--url", broker.tcpUrl(),
                "--devices", "3", "--rate", "20", "--count", "4", "--alert-above", "-100");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("alerts\\s+12\\s").containsPattern("sent\\s+24\\s");
        List<Received> alerts = receive(12);
        assertThat(alerts).extracting(Received::topic).contains("devices/sensor-1/alerts", "devices/sensor-3/alerts");
        assertThat(alerts).extracting(Received::payload).allSatisfy(payload -> assertThat(payload).matches(
                "\\{\"alertId\":\"sensor-\\d-\\d\",\"title\":\"Temperature high\",\"severity\":\"warning\","
                        + "\"deviceId\":\"sensor-\\d\",\"temperature\":-?\\d+\\.\\d,\"threshold\":-100\\.0}"));
        assertThat(alerts).extracting(received -> received.payload().replaceAll(".*\"alertId\":\"([^\"]+)\".*", "$1"))
                .doesNotHaveDuplicates();
    }

    @Test
    void devicesSpeakMqtt311WithPersistentSessionsAndTokens() throws Exception {
        subscriber.subscribe("devices/+/telemetry", 1);

        SimulatorCli.Result result = SimulatorCli.execute("run", "--url", broker.tcpUrl(), "--mqtt-version", "3",
                "--persistent", "--token", "a.device.token", "--devices", "2", "--rate", "20", "--count", "3",
                "--qos", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("acked\\s+6\\s").containsPattern("lost\\s+0\\s");
        assertThat(receive(6)).extracting(Received::topic)
                .containsOnly("devices/sensor-1/telemetry", "devices/sensor-2/telemetry");
    }

    @Test
    void aBrokerThatCannotBeReachedIsAnErrorAndExitCodeOne() {
        SimulatorCli.Result result = SimulatorCli.execute("run", "--url", "tcp://127.0.0.1:" + FreePorts.next(),
                "--devices", "3", "--count", "5");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("connected\\s+0\\s").containsPattern("errors\\s+3\\s");
    }

    @Test
    void publishesNeverAcknowledgedAreLostAndExitCodeOne() throws Exception {
        try (SilentBroker silent = SilentBroker.start()) {
            SimulatorCli.Result result = SimulatorCli.execute("run", "--url", silent.url(),
                    "--devices", "2", "--rate", "20", "--count", "5", "--ack-timeout", "300ms");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).containsPattern("sent\\s+10\\s").containsPattern("acked\\s+0\\s")
                    .containsPattern("lost\\s+10\\s");
        }
    }

    @Test
    void aBrokerStoppedMidRunEndsTheRunWithErrorsAndExitCodeOne() throws Exception {
        try (TestBroker doomed = TestBroker.start(dataDir.resolve("doomed"));
             RecordingMqttClient watcher = RecordingMqttClient.connect(doomed.tcpUrl())) {
            watcher.subscribe("devices/+/telemetry", 1);
            CompletableFuture<SimulatorCli.Result> run = CompletableFuture.supplyAsync(() -> SimulatorCli.execute(
                    "run", "--url", doomed.tcpUrl(), "--devices", "5", "--rate", "10", "--duration", "60s"));
            receive(watcher, 20);

            doomed.stop();

            SimulatorCli.Result result = run.get(20, TimeUnit.SECONDS);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).containsPattern("errors\\s+([5-9]|\\d\\d+)\\s");
        }
    }

    private List<Received> receive(int count) {
        return receive(subscriber, count);
    }

    private static List<Received> receive(RecordingMqttClient client, int count) {
        List<Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            received.addAll(client.drain(Duration.ofMillis(100)));
            return received.size() >= count;
        });
        return received;
    }
}
