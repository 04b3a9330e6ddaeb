package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

/**
 * The gateway's HTTP transports against a real broker. Counts are published over MQTT exactly as the
 * publisher-service publishes them (retained, with seq and ts), so the gateway is fed only by the broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.gateway.heartbeat=200ms", "reddot.gateway.sse-retry=3s",
                // a thousand connections of one user: above the default per-user limit on purpose
                "reddot.gateway.max-connections-per-user=5000"})
class GatewayTransportsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String EARLY_USER = "early-bird";

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
        // retained before the gateway exists: it must learn it from the broker's replay when it subscribes
        publishCount(EARLY_USER, 4, 11);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        publisher.close();
    }

    @Test
    void learnsRetainedCountsWhenItSubscribes() throws Exception {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(get("/push/poll/" + EARLY_USER).body())
                        .isEqualTo("{\"userId\":\"early-bird\",\"count\":4,\"seq\":11,\"ts\":1011}"));
    }

    @Test
    void pollAnswersTheCurrentCountWithItsSeqAsETag() throws Exception {
        String user = newUser();
        HttpResponse<String> unknown = get("/push/poll/" + user);
        assertThat(unknown.body()).isEqualTo("{\"userId\":\"" + user + "\",\"count\":0,\"seq\":0,\"ts\":0}");

        publishCount(user, 2, 5);

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> current = get("/push/poll/" + user);
            assertThat(current.body()).contains("\"count\":2", "\"seq\":5");
            assertThat(current.headers().firstValue("ETag")).hasValue("\"5\"");
        });
        assertThat(get("/push/poll/" + user, "If-None-Match", "\"5\"").statusCode()).isEqualTo(304);
    }

    @Test
    void sseStartsWithRetryAndTheCurrentCountThenEveryChange() throws Exception {
        String user = newUser();
        publishCount(user, 1, 1);
        awaitCount(user, 1);

        try (SseStream stream = SseStream.open(port, "/push/sse/" + user)) {
            assertThat(stream.head(WAIT)).contains("HTTP/1.1 200 ", "Content-Type: text/event-stream;charset=UTF-8");
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            assertThat(stream.nextEvent(WAIT)).containsExactly("event: count", "id: 1",
                    "data: {\"userId\":\"" + user + "\",\"count\":1,\"seq\":1,\"ts\":1001}");

            publishCount(user, 2, 2);

            assertThat(stream.nextEvent(WAIT)).containsExactly("event: count", "id: 2",
                    "data: {\"userId\":\"" + user + "\",\"count\":2,\"seq\":2,\"ts\":1002}");
        }
    }

    @Test
    void sseSendsHeartbeatComments() throws Exception {
        try (SseStream stream = SseStream.open(port, "/push/sse/" + newUser())) {
            stream.head(WAIT);
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            // the user's count (0 once the wait for a retained count is over: this user has none) comes between them
            List<List<String>> blocks = List.of(stream.nextBlock(WAIT), stream.nextBlock(WAIT), stream.nextBlock(WAIT));
            assertThat(blocks).filteredOn(block -> block.get(0).startsWith("event: count")).hasSize(1);
            assertThat(blocks).filteredOn(block -> block.size() == 1 && block.get(0).startsWith(":")).hasSize(2);
        }
    }

    @Test
    void sseReconnectingWithTheCurrentLastEventIdReplaysNothingOld() throws Exception {
        String user = newUser();
        publishCount(user, 6, 3);
        awaitCount(user, 3);

        try (SseStream stream = SseStream.open(port, "/push/sse/" + user, "Last-Event-ID: 3")) {
            stream.head(WAIT);
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            publishCount(user, 7, 4);

            assertThat(stream.nextEvent(WAIT)).contains("id: 4");
        }
    }

    @Test
    void sseReconnectingToAGatewayNotServingTheUserYetReplaysNothingOld() throws Exception {
        String user = newUser();
        publishCount(user, 6, 3);

        try (SseStream stream = SseStream.open(port, "/push/sse/" + user, "Last-Event-ID: 3")) {
            stream.head(WAIT);
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            publishCount(user, 7, 4);

            assertThat(stream.nextEvent(WAIT)).contains("id: 4");
        }
    }

    @Test
    void longPollAnswersAtOnceWhenTheCountIsAlreadyNewer() throws Exception {
        String user = newUser();
        publishCount(user, 3, 2);
        awaitCount(user, 2);

        HttpResponse<String> response = get("/push/long-poll/" + user + "?since=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(response.body()).contains("\"count\":3", "\"seq\":2");
    }

    @Test
    void longPollWaitsForTheNextChange() throws Exception {
        String user = newUser();
        CompletableFuture<HttpResponse<String>> waiting = getAsync("/push/long-poll/" + user + "?since=0&timeout=20");
        await().atMost(WAIT).until(() -> open().get("long-poll") >= 1);
        assertThat(waiting).isNotDone();

        publishCount(user, 8, 1);

        HttpResponse<String> response = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"count\":8", "\"seq\":1");
    }

    @Test
    void longPollTakesSinceFromIfNoneMatch() throws Exception {
        String user = newUser();
        publishCount(user, 3, 2);
        awaitCount(user, 2);

        HttpResponse<String> response = get("/push/long-poll/" + user + "?timeout=1", "If-None-Match", "\"2\"");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void manyWaitersOnOneUserAllAnswer() throws Exception {
        String user = newUser();
        List<CompletableFuture<HttpResponse<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiters.add(getAsync("/push/long-poll/" + user + "?since=0&timeout=20"));
        }
        await().atMost(WAIT).until(() -> open().get("long-poll") >= 50);

        publishCount(user, 1, 1);

        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(waiters).allSatisfy(waiter -> assertThat(waiter.join().body()).contains("\"seq\":1"));
        await().atMost(WAIT).until(() -> open().get("long-poll") == 0);
    }

    @Test
    void releasesEveryOneOfAThousandSseConnections() throws Exception {
        for (int batch = 0; batch < 10; batch++) {
            List<SseStream> tabs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                SseStream tab = SseStream.open(port, "/push/sse/user-" + (i % 7));
                tabs.add(tab);
            }
            for (SseStream tab : tabs) {
                assertThat(tab.nextLine(WAIT)).startsWith("HTTP/1.1 200");
                tab.close();
            }
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(open()).containsEntry("total", 0).containsEntry("sse", 0));
    }

    @Test
    void statsCountOpenConnectionsPerTransport() throws Exception {
        String user = newUser();
        try (SseStream first = SseStream.open(port, "/push/sse/" + user);
             SseStream second = SseStream.open(port, "/push/sse/" + user)) {
            first.head(WAIT);
            second.head(WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(open()).containsEntry("sse", 2));
            assertThat(open()).containsKeys("total", "sse", "long-poll", "ws", "iframe");
        }
    }

    @Test
    void webSocketSendsTheCountOnConnectAndOnEveryChange() throws Exception {
        String user = newUser();
        publishCount(user, 2, 1);
        awaitCount(user, 1);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();

        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/" + user), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            assertThat(frames.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("{\"userId\":\"" + user + "\",\"count\":2,\"seq\":1,\"ts\":1001}");
            assertThat(open()).containsEntry("ws", 1);

            publishCount(user, 3, 2);

            assertThat(frames.poll(5, TimeUnit.SECONDS)).contains("\"count\":3", "\"seq\":2");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(open()).containsEntry("ws", 0));
    }

    @Test
    void webSocketRefusesABadUserIdBeforeUpgrading() throws Exception {
        CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/a+b"), new WebSocket.Listener() { });

        assertThatThrownBy(() -> handshake.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(400);
                    assertThat(refused.getResponse().headers().firstValue("Content-Type"))
                            .hasValue("application/problem+json");
                });
    }

    @Test
    void iframeStreamsScriptTagsAfterAPaddedPreamble() throws Exception {
        String user = newUser();
        publishCount(user, 5, 1);
        awaitCount(user, 1);

        try (SseStream stream = SseStream.open(port, "/push/iframe/" + user)) {
            assertThat(stream.head(WAIT)).contains("Content-Type: text/html;charset=UTF-8");
            assertThat(stream.nextLine(WAIT)).isEqualTo("<!DOCTYPE html>");
            assertThat(stream.nextLine(WAIT)).contains("<body>");
            assertThat(stream.nextLine(WAIT)).startsWith("<!--").hasSizeGreaterThan(2048);
            assertThat(stream.nextLine(WAIT)).isEqualTo(
                    "<script>parent.reddotCount({\"userId\":\"" + user + "\",\"count\":5,\"seq\":1,\"ts\":1001});</script>");
            assertThat(open()).containsEntry("iframe", 1);

            publishCount(user, 6, 2);

            String next = stream.nextLine(WAIT);
            while (next.startsWith("<!-- keep-alive")) {
                next = stream.nextLine(WAIT);
            }
            assertThat(next).contains("parent.reddotCount(", "\"count\":6", "\"seq\":2");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(open()).containsEntry("iframe", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/push/poll/a+b", "/push/iframe/a%2Fb", "/push/long-poll/a%23b", "/push/sse/a%2Fb",
            "/push/poll/abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde",
            "/push/long-poll/alice?timeout=61", "/push/long-poll/alice?since=x"})
    void refusesBadRequestsWithProblemDetails(String path) throws Exception {
        HttpResponse<String> response = get(path, "Accept", "text/event-stream, application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400").doesNotContain("Exception");
    }

    @Test
    void isHealthyWhileConnectedToTheBroker() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"mqttGateway\":{", "\"status\":\"UP\"");
    }

    private static void publishCount(String user, long count, long seq) throws Exception {
        publisher.publish("/message/" + user, Long.toString(count), 1, true,
                Map.of("seq", Long.toString(seq), "ts", Long.toString(1000 + seq)));
    }

    private void awaitCount(String user, long seq) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/push/poll/" + user).body()).contains("\"seq\":" + seq));
    }

    private Map<String, Integer> open() throws Exception {
        String body = get("/push/stats").body();
        Map<String, Integer> stats = new HashMap<>();
        for (String pair : body.replaceAll("[{}\"]", "").split(",")) {
            String[] keyValue = pair.split(":");
            stats.put(keyValue[0], Integer.parseInt(keyValue[1]));
        }
        return stats;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.GET().build();
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
