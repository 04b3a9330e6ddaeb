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

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry properties) {
        properties.add("reddot.broker.port", () -> PORT);
        properties.add("reddot.broker.websocket-port", FreePorts::next);
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
}
