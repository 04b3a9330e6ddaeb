package dev.reddot.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.security.OpenModeAuthenticator;
import dev.reddot.broker.security.OpenModeAuthorizer;
import dev.reddot.security.SecurityProperties;
import dev.reddot.protocol.security.SecurityMode;
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
            MqttProperties properties = new MqttProperties();
            properties.setContentType("text/plain");
            properties.setPayloadFormat(true);
            properties.setCorrelationData(new byte[] {7, 8});
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                publisher.publish("/message/alice", "5", 1, true, Map.of("seq", "9", "ts", "1"), properties);
            }
            broker.stop();
            broker.start();

            try (RecordingMqttClient late = RecordingMqttClient.connect(broker.tcpUrl()).subscribe("/message/+", 1)) {
                RecordingMqttClient.Received retained = late.next(Duration.ofSeconds(5));
                assertThat(retained.topic()).isEqualTo("/message/alice");
                assertThat(retained.payload()).isEqualTo("5");
                assertThat(retained.retained()).isTrue();
                assertThat(retained.userProperties()).containsEntry("seq", "9").containsEntry("ts", "1");
                assertThat(retained.contentType()).isEqualTo("text/plain");
                assertThat(retained.payloadIsUtf8()).isTrue();
                assertThat(retained.correlationData()).containsExactly(7, 8);
            }
        }
    }

    @Test
    void keepsACountRetainedAtQos0AndDeliversItAsPublished() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                publisher.publish("/message/bob", "3", 0, true, Map.of("seq", "4"), new MqttProperties());
            }
            broker.stop();
            broker.start();

            try (RecordingMqttClient late = RecordingMqttClient.connect(broker.tcpUrl()).subscribe("/message/+", 1)) {
                RecordingMqttClient.Received retained = late.next(Duration.ofSeconds(5));
                assertThat(retained.topic()).isEqualTo("/message/bob");
                assertThat(retained.payload()).isEqualTo("3");
                assertThat(retained.retained()).isTrue();
                assertThat(retained.qos()).isZero();
                assertThat(retained.userProperties()).containsExactly(Map.entry("seq", "4"));
            }
        }
    }

    @Test
    void queuesMessagesWithTheirPropertiesForAnOfflinePersistentSession() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            RecordingMqttClient.connectPersistent(broker.tcpUrl(), "sensor-1", 3600).subscribe("/message/alice", 1).close();

            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                publisher.publish("/message/alice", "4", 1, false, Map.of("seq", "3"));
            }

            try (RecordingMqttClient back = RecordingMqttClient.connectPersistent(broker.tcpUrl(), "sensor-1", 3600)) {
                RecordingMqttClient.Received queued = back.next(Duration.ofSeconds(5));
                assertThat(queued.payload()).isEqualTo("4");
                assertThat(queued.userProperties()).containsEntry("seq", "3");
            }
        }
    }

    @Test
    void keepsPersistentSessionsAndTheirQueuedMessagesAcrossARestart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            RecordingMqttClient.connectPersistent(broker.tcpUrl(), "sensor-1", 3600).subscribe("/message/alice", 1).close();
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                publisher.publish("/message/alice", "4", 1, false, Map.of("seq", "3"));
            }

            broker.stop();
            broker.start();
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                publisher.publish("/message/alice", "5", 1, false, Map.of("seq", "4"));
            }

            try (RecordingMqttClient back = RecordingMqttClient.connectPersistent(broker.tcpUrl(), "sensor-1", 3600)) {
                RecordingMqttClient.Received queuedBefore = back.next(Duration.ofSeconds(5));
                RecordingMqttClient.Received queuedAfter = back.next(Duration.ofSeconds(5));
                assertThat(queuedBefore.payload()).isEqualTo("4");
                assertThat(queuedBefore.userProperties()).containsEntry("seq", "3");
                assertThat(queuedAfter.payload()).isEqualTo("5");
                assertThat(queuedAfter.userProperties()).containsEntry("seq", "4");
            }
        }
    }

    /** Moquette #964: the queue of client "sensor_meta" was the same store map as the bookkeeping of "sensor"'s. */
    @Test
    void keepsTheQueuesOfClientIdsThatLookLikeEachOthersBookkeepingApart() throws Exception {
        List<String> clientIds = List.of("sensor", "sensor_meta", "sensor__meta", "sensor_");
        try (TestBroker broker = TestBroker.start(dataDir)) {
            for (String clientId : clientIds) {
                RecordingMqttClient.connectPersistent(broker.tcpUrl(), clientId, 3600)
                        .subscribe("/message/" + clientId, 1).close();
            }
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                for (String clientId : clientIds) {
                    publisher.publish("/message/" + clientId, "for " + clientId, 1, false, Map.of());
                    publisher.publish("/message/" + clientId, "again for " + clientId, 1, false, Map.of());
                }
            }
            broker.stop();
            broker.start();

            for (String clientId : clientIds) {
                try (RecordingMqttClient back = RecordingMqttClient.connectPersistent(broker.tcpUrl(), clientId, 3600)) {
                    assertThat(List.of(back.next(Duration.ofSeconds(5)).payload(), back.next(Duration.ofSeconds(5)).payload()))
                            .as("queued for %s", clientId).containsExactly("for " + clientId, "again for " + clientId);
                }
            }
        }
    }

    @Test
    void refusesOpenModeOnAnAddressOthersCanReach() {
        assertThatThrownBy(() -> new EmbeddedBroker(new BrokerProperties("0.0.0.0", 1883, 8083, "/mqtt"),
                new DataDirectory(dataDir), new SecurityProperties(SecurityMode.OPEN, null),
                new OpenModeAuthenticator(), new OpenModeAuthorizer()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reddot.security.mode=open")
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("reddot.security.mode=token");
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        try (TestBroker first = TestBroker.start(dataDir.resolve("first"))) {
            EmbeddedBroker second = new EmbeddedBroker(
                    new BrokerProperties("127.0.0.1", first.port(), first.websocketPort() + 1, "/mqtt"),
                    new DataDirectory(dataDir.resolve("second")), new SecurityProperties(SecurityMode.OPEN, null),
                    new OpenModeAuthenticator(), new OpenModeAuthorizer());
            assertThatThrownBy(second::start)
                    .hasMessageContaining(Integer.toString(first.port()));
            assertThat(second.isRunning()).isFalse();
        }
    }
}
