package dev.reddot.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;

/** The default way to run Reddot, end to end: a count set over REST reaches every kind of subscriber. */
class AllInOneTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void isHealthyOnceTheBrokerListensAndBothClientsAreConnected() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"components\"").contains("\"status\":\"UP\"}")
                    .contains("\"mqttBroker\":{", "\"mqttPublisher\":{", "\"mqttGateway\":{")
                    .doesNotContain("DOWN");
        });
    }

    @Test
    void exposesTheBrokersMetricsToPrometheus() throws Exception {
        put("frank", "{\"count\":1}");

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> metrics = get("/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("reddot_broker_connections ", "reddot_broker_connects_total ")
                    .containsPattern("reddot_broker_messages_received_total [1-9]");
        });
    }

    @Test
    void aCountSetOverRestReachesSse() throws Exception {
        HttpRequest sse = HttpRequest.newBuilder(URI.create(reddot.http("/push/sse/carol"))).build();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(lines::add));
        assertThat(nextDataLine(lines)).contains("\"count\":0");

        put("carol", "{\"count\":3}");

        assertThat(nextDataLine(lines)).startsWith("data: {\"userId\":\"carol\",\"count\":3,\"seq\":1,\"ts\":");
    }

    @Test
    void mosquittoSubReceivesTheCountOverMqtt5AndMqtt311() throws Exception {
        put("dave", "{\"count\":3}");

        try (CommandLineClient v5 = CommandLineClient.start(List.of("mosquitto_sub", "-h", "127.0.0.1",
                "-p", Integer.toString(reddot.mqttPort), "-V", "mqttv5", "-t", "/message/dave", "-F", "%t %p %P"));
             CommandLineClient v311 = CommandLineClient.start(List.of("mosquitto_sub", "-h", "127.0.0.1",
                "-p", Integer.toString(reddot.mqttPort), "-V", "mqttv311", "-t", "/message/dave", "-v"))) {
            assertThat(v5.nextLine(WAIT)).startsWith("/message/dave 3 seq:1 ts:");
            assertThat(v311.nextLine(WAIT)).isEqualTo("/message/dave 3");

            put("dave", "{\"count\":4}");

            assertThat(v5.nextLine(WAIT)).startsWith("/message/dave 4 seq:2 ts:");
            assertThat(v311.nextLine(WAIT)).isEqualTo("/message/dave 4");
        }
    }

    @Test
    void aBrowserStyleClientReceivesTheCountOverMqttWebSocket() throws Exception {
        try (RecordingMqttClient browser = RecordingMqttClient.connect(reddot.websocketUrl()).subscribe("/message/erin", 1)) {
            put("erin", "{\"count\":6}");

            Received received = browser.next(WAIT);
            assertThat(received.payload()).isEqualTo("6");
            assertThat(received.userProperties()).containsEntry("seq", "1");
        }
    }

    @Test
    void pushConfigTellsBrowsersWhereMqttOverWebSocketIs() throws Exception {
        assertThat(get("/push/config").body()).contains("\"mqttUrl\":\"ws://127.0.0.1:" + reddot.websocketPort + "/mqtt\"");
    }

    private String nextDataLine(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data: ")) {
                return line;
            }
        }
        throw new AssertionError("No SSE data line within " + WAIT);
    }

    private HttpResponse<String> put(String user, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(reddot.http("/api/users/" + user + "/unread-count")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
