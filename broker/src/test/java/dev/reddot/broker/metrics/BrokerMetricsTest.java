package dev.reddot.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.reddot.broker.BrokerApplication;
import dev.reddot.broker.testing.FreePorts;
import dev.reddot.broker.testing.RecordingMqttClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The broker application's {@code reddot_broker_*} meters move with real MQTT traffic. */
@SpringBootTest(classes = BrokerApplication.class)
class BrokerMetricsTest {

    @TempDir
    static Path dataDir;

    static final int PORT = FreePorts.next();
    static final int WEBSOCKET_PORT = FreePorts.next();

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry properties) {
        properties.add("reddot.broker.port", () -> PORT);
        properties.add("reddot.broker.websocket-port", () -> WEBSOCKET_PORT);
        properties.add("reddot.data-dir", dataDir::toString);
    }

    @Test
    void countsConnectionsAndMessages() throws Exception {
        double received = registry.get("reddot.broker.messages.received").counter().count();
        double lost = registry.get("reddot.broker.disconnects").tag("reason", "normal").counter().count();

        try (RecordingMqttClient subscriber = RecordingMqttClient.connect("tcp://127.0.0.1:" + PORT).subscribe("m/#", 1);
             RecordingMqttClient publisher = RecordingMqttClient.connect("tcp://127.0.0.1:" + PORT)) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(registry.get("reddot.broker.connections").gauge().value()).isEqualTo(2));
            for (int i = 0; i < 3; i++) {
                publisher.publish("m/" + i, "x", 1, false, Map.of());
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(registry.get("reddot.broker.messages.received").counter().count()).isEqualTo(received + 3));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.get("reddot.broker.connections").gauge().value()).isZero();
            assertThat(registry.get("reddot.broker.disconnects").tag("reason", "normal").counter().count())
                    .isEqualTo(lost + 2);
        });
    }

    @Test
    void countsConnectionsAndMessagesSentPerListenerSessionsAndRetainedMessages() throws Exception {
        double sentOverTcp = sent("tcp");
        double sentOverWebSocket = sent("websocket");
        double retained = gauge("reddot.broker.retained.messages");

        try (RecordingMqttClient device = RecordingMqttClient.connect("tcp://127.0.0.1:" + PORT).subscribe("l/#", 1);
             RecordingMqttClient browser = RecordingMqttClient.connect("ws://127.0.0.1:" + WEBSOCKET_PORT + "/mqtt")
                     .subscribe("l/#", 1);
             RecordingMqttClient publisher = RecordingMqttClient.connect("tcp://127.0.0.1:" + PORT)) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(registry.get("reddot.broker.listener.connections").tag("listener", "tcp").gauge().value())
                        .isEqualTo(2);
                assertThat(registry.get("reddot.broker.listener.connections").tag("listener", "websocket").gauge()
                        .value()).isEqualTo(1);
                assertThat(gauge("reddot.broker.sessions")).isEqualTo(3);
            });
            publisher.publish("l/a", "1", 1, true, Map.of());
            publisher.publish("l/b", "2", 1, true, Map.of());
            publisher.publish("l/c", "3", 1, false, Map.of());

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(sent("tcp")).isEqualTo(sentOverTcp + 3);
                assertThat(sent("websocket")).isEqualTo(sentOverWebSocket + 3);
                assertThat(gauge("reddot.broker.retained.messages")).isEqualTo(retained + 2);
            });
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.get("reddot.broker.listener.connections").tag("listener", "tcp").gauge().value())
                    .isZero();
            assertThat(registry.get("reddot.broker.listener.connections").tag("listener", "websocket").gauge().value())
                    .isZero();
            assertThat(gauge("reddot.broker.sessions")).isZero();
        });
    }

    private double sent(String listener) {
        return registry.get("reddot.broker.messages.sent").tag("listener", listener).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
