package dev.reddot.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

/** The gateway's meters move with real traffic: a count published over MQTT, read by an SSE client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;

    static TestBroker broker;
    static RecordingMqttClient publisher;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        broker = TestBroker.start(dataDir);
        publisher = RecordingMqttClient.connect(broker.tcpUrl());
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        publisher.close();
    }

    @Test
    void connectionsDeliveriesAndLatencyAppearAfterTraffic() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Void>> sse = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/push/sse/mia")).build(),
                HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
                    response.body().forEach(lines::add);
                    return null;
                });
        try {
            assertThat(nextData(lines)).contains("\"count\":0");
            assertThat(scrape()).contains("reddot_gateway_connections{transport=\"sse\"} 1.0",
                    "reddot_gateway_connections{transport=\"ws\"} 0.0");

            publisher.publish("/message/mia", "3", 1, true,
                    Map.of("seq", "1", "ts", Long.toString(System.currentTimeMillis() - 40)));

            assertThat(nextData(lines)).contains("\"count\":3");
            await().atMost(WAIT).untilAsserted(() -> assertThat(scrape())
                    .contains("reddot_gateway_counts_delivered_total{transport=\"sse\"} 1.0",
                            "reddot_gateway_counts_delivered_total{transport=\"long-poll\"} 0.0",
                            "reddot_gateway_counts_received_total 1.0",
                            "reddot_gateway_delivery_latency_seconds_count 1",
                            "reddot_gateway_delivery_latency_seconds_bucket{le=\"+Inf\"} 1"));
            Timer latency = registry.get("reddot.gateway.delivery.latency").timer();
            assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isBetween(40.0, 5_000.0);
        } finally {
            sse.cancel(true);
        }
    }

    private String nextData(BlockingQueue<String> lines) throws InterruptedException {
        for (String line = lines.poll(5, TimeUnit.SECONDS); line != null; line = lines.poll(5, TimeUnit.SECONDS)) {
            if (line.startsWith("data:")) {
                return line;
            }
        }
        throw new AssertionError("no SSE event within 5 s");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
