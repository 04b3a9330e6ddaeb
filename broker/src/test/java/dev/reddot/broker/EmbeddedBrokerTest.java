package dev.reddot.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.security.OpenModeAuthenticator;
import dev.reddot.broker.security.OpenModeAuthorizer;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

class EmbeddedBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void deliversOverTcpAndWebSocket() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             RecordingMqttClient tcp = RecordingMqttClient.connect(broker.tcpUrl()).subscribe("/message/alice", 1);
             RecordingMqttClient browser = RecordingMqttClient.connect(broker.websocketUrl()).subscribe("/message/alice", 1);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {

            publisher.publish("/message/alice", "3", 1, false, Map.of("seq", "1"));

            assertThat(tcp.next(Duration.ofSeconds(5)).payload()).isEqualTo("3");
            RecordingMqttClient.Received overWebSocket = browser.next(Duration.ofSeconds(5));
            assertThat(overWebSocket.payload()).isEqualTo("3");
            assertThat(overWebSocket.userProperties()).containsEntry("seq", "1");
        }
    }

    @Test
    void keepsRetainedMessagesAcrossARestart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                publisher.publish("/message/alice", "5", 1, true, Map.of("seq", "9", "ts", "1"));
            }
            broker.stop();
            broker.start();

            try (RecordingMqttClient late = RecordingMqttClient.connect(broker.tcpUrl()).subscribe("/message/+", 1)) {
                RecordingMqttClient.Received retained = late.next(Duration.ofSeconds(5));
                assertThat(retained.topic()).isEqualTo("/message/alice");
                assertThat(retained.payload()).isEqualTo("5");
                assertThat(retained.retained()).isTrue();
                assertThat(retained.userProperties()).containsEntry("seq", "9");
            }
        }
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        try (TestBroker first = TestBroker.start(dataDir.resolve("first"))) {
            EmbeddedBroker second = new EmbeddedBroker(
                    new BrokerProperties("127.0.0.1", first.port(), first.websocketPort() + 1, "/mqtt"),
                    new DataDirectory(dataDir.resolve("second")),
                    new OpenModeAuthenticator(), new OpenModeAuthorizer());
            assertThatThrownBy(second::start)
                    .hasMessageContaining(Integer.toString(first.port()));
            assertThat(second.isRunning()).isFalse();
        }
    }
}
