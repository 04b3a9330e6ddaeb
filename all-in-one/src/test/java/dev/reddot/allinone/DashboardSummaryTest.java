package dev.reddot.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.SseStream;

/**
 * {@code /admin/summary} on the all-in-one, where every part runs in one process: its numbers follow real traffic
 * (an SSE stream, MQTT clients on both listeners, counts set over REST).
 */
class DashboardSummaryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    static RunningAllInOne reddot;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        reddot = new RunningAllInOne(dataDir).start();
    }

    @AfterAll
    static void stop() {
        reddot.close();
    }

    @Test
    void reportsEveryPartHereAndHealthy() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode summary = summary();
            for (String part : new String[] {"broker", "publisher", "gateway", "database"}) {
                assertThat(summary.at("/parts/" + part).asString()).isEqualTo("in this process");
                assertThat(summary.at("/health/" + part).asString()).as(part).isEqualTo("UP");
            }
        });
    }

    @Test
    void itsNumbersFollowTheTraffic() throws Exception {
        await().atMost(WAIT).until(() -> summary().at("/connections/mqtt-tcp").asInt() >= 2);
        JsonNode before = summary();
        int tcp = before.at("/connections/mqtt-tcp").asInt();
        int sessions = before.at("/broker/sessions").asInt();

        try (SseStream sse = SseStream.open(http, reddot.http("/push/sse/dashboard-sse"));
             RecordingMqttClient device = RecordingMqttClient.connect(reddot.mqttUrl());
             RecordingMqttClient browser = RecordingMqttClient.connect(reddot.websocketUrl())
                     .subscribe("/message/dashboard-sse", 1)) {
            sse.nextContaining("\"count\":0", WAIT);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode summary = summary();
                assertThat(summary.at("/connections/sse").asInt()).isEqualTo(1);
                assertThat(summary.at("/connections/mqtt-tcp").asInt()).isEqualTo(tcp + 1);
                assertThat(summary.at("/connections/mqtt-websocket").asInt()).isEqualTo(1);
                assertThat(summary.at("/broker/sessions").asInt()).isEqualTo(sessions + 2);
            });

            // one at a time: the publisher may fold quick changes of one user into one publish
            for (int count = 1; count <= 5; count++) {
                put("dashboard-sse", count);
                sse.nextContaining("\"count\":" + count, WAIT);
            }

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode summary = summary();
                assertThat(summary.at("/publisher/countsPublished/total").asLong())
                        .isEqualTo(before.at("/publisher/countsPublished/total").asLong() + 5);
                assertThat(summary.at("/publisher/countsPublished/perSecond").asDouble()).isPositive();
                assertThat(summary.at("/publisher/outboxBacklog").asLong()).isZero();
                assertThat(summary.at("/broker/messagesIn/total").asLong())
                        .isEqualTo(before.at("/broker/messagesIn/total").asLong() + 5);
                // each count to the gateway's subscription and to the WebSocket client
                assertThat(summary.at("/broker/messagesOut/total").asLong())
                        .isGreaterThanOrEqualTo(before.at("/broker/messagesOut/total").asLong() + 10);
                assertThat(summary.at("/broker/retainedMessages").asInt()).isPositive();
                assertThat(summary.at("/gateway/countsDelivered/total").asLong())
                        .isEqualTo(before.at("/gateway/countsDelivered/total").asLong() + 5);
                assertThat(summary.at("/gateway/deliveryLatency/count").asLong()).isGreaterThanOrEqualTo(5);
                assertThat(summary.at("/gateway/deliveryLatency/p50").asDouble()).isPositive();
                assertThat(summary.at("/gateway/deliveryLatency/p99").asDouble())
                        .isGreaterThanOrEqualTo(summary.at("/gateway/deliveryLatency/p50").asDouble());
            });
        }
    }

    private JsonNode summary() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(reddot.http("/admin/summary")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private void put(String user, int count) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(reddot.http("/api/users/" + user + "/unread-count")))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
