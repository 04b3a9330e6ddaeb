package dev.reddot.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.SseStream;
import dev.reddot.broker.testing.TestBroker;

/**
 * {@code /admin/summary} of a gateway run alone (reddot-gateway.jar): the broker and the publisher are elsewhere, and
 * the summary says so instead of reporting zeros; what the gateway knows itself follows its traffic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayAloneSummaryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    static TestBroker broker;
    static RecordingMqttClient publisher;

    @LocalServerPort
    int port;

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
    void saysWhichPartsAreNotInThisProcess() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(summary().at("/health/gateway").asString()).isEqualTo("UP"));
        JsonNode summary = summary();

        assertThat(summary.at("/parts/gateway").asString()).isEqualTo("in this process");
        for (String part : new String[] {"broker", "publisher", "database"}) {
            assertThat(summary.at("/parts/" + part).asString()).isEqualTo("not in this process");
            assertThat(summary.at("/health/" + part).isNull()).as(part).isTrue();
        }
        assertThat(summary.get("broker").isNull()).isTrue();
        assertThat(summary.get("publisher").isNull()).isTrue();
        assertThat(summary.at("/connections/mqtt-tcp").isNull()).isTrue();
        assertThat(summary.at("/connections/mqtt-websocket").isNull()).isTrue();
    }

    @Test
    void countsItsOwnConnectionsDeliveriesAndLatency() throws Exception {
        try (SseStream sse = SseStream.open(http, "http://127.0.0.1:" + port + "/push/sse/nora")) {
            sse.nextContaining("\"count\":0", WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(summary().at("/connections/sse").asInt()).isEqualTo(1));

            publisher.publish("/message/nora", "4", 1, true,
                    Map.of("seq", "1", "ts", Long.toString(System.currentTimeMillis())));
            sse.nextContaining("\"count\":4", WAIT);

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode summary = summary();
                assertThat(summary.at("/gateway/countsDelivered/total").asLong()).isEqualTo(1);
                assertThat(summary.at("/gateway/deliveryLatency/count").asLong()).isEqualTo(1);
                assertThat(summary.at("/gateway/deliveryLatency/p99").isNumber()).isTrue();
            });
        }
    }

    private JsonNode summary() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/admin/summary")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
