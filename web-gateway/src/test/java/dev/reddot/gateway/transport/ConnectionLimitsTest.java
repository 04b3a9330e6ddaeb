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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.TestBroker;
import dev.reddot.gateway.hub.Hub;

/**
 * The gateway's connection limits, with small ones: past the total or the user's limit, SSE, long poll, iframe
 * and the WebSocket upgrade are answered 503 problem details with Retry-After, and a closed connection frees its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.gateway.max-connections=3", "reddot.gateway.max-connections-per-user=2",
                "reddot.gateway.connection-retry-after=7s",
                // a closed SSE socket is noticed by the next write: heartbeats make that quick
                "reddot.gateway.heartbeat=200ms"})
class ConnectionLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    Hub hub;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        TestBroker broker = TestBroker.start(dataDir);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @BeforeEach
    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable connection : opened) {
            connection.close();
        }
        opened.clear();
        await().atMost(WAIT).until(this::openInAll, open -> open == 0);
    }

    @Test
    void refusesAUsersConnectionPastItsLimitOnEveryTransport() throws Exception {
        sse("carol");
        sse("carol");

        assertRefused(rawGet("/push/sse/carol"));
        assertRefused(rawGet("/push/iframe/carol"));
        HttpResponse<String> longPoll = http.send(HttpRequest.newBuilder(uri("/push/long-poll/carol?since=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(longPoll.statusCode()).isEqualTo(503);
        assertThat(longPoll.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(longPoll.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertWebSocketRefused("carol");
        // others are not affected by carol's limit
        sse("dave");
    }

    @Test
    void refusesAnyConnectionPastTheGatewaysLimit() throws Exception {
        sse("u1");
        SseStream second = sse("u2");
        webSocket("u3");

        assertRefused(rawGet("/push/sse/u4"));
        assertWebSocketRefused("u4");

        second.close();
        await().atMost(WAIT).until(this::openInAll, open -> open == 2);
        webSocket("u4");
        assertThat(hub.openConnections()).containsEntry("ws", 2);
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws Exception {
        SseStream first = sse("erin");
        sse("erin");
        assertRefused(rawGet("/push/sse/erin"));

        first.close();
        await().atMost(WAIT).until(this::openInAll, open -> open == 1);

        sse("erin");
    }

    private SseStream sse(String user) throws Exception {
        SseStream stream = SseStream.open(port, "/push/sse/" + user);
        opened.add(stream);
        assertThat(stream.head(WAIT).get(0)).contains(" 200");
        return stream;
    }

    private void webSocket(String user) throws Exception {
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/" + user), new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
        opened.add(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS));
        await().atMost(WAIT).until(() -> hub.openConnections().getOrDefault("ws", 0) > 0);
    }

    private void assertWebSocketRefused(String user) {
        CompletableFuture<WebSocket> upgrade = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/" + user), new WebSocket.Listener() { });
        assertThatThrownBy(() -> upgrade.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    HttpResponse<?> response = refused.getResponse();
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
                    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                });
    }

    /** Status line and headers of a refused stream, read as a browser's EventSource would send it. */
    private List<String> rawGet(String path) throws Exception {
        try (SseStream stream = SseStream.open(port, path)) {
            List<String> head = stream.head(WAIT);
            head.add("body: " + stream.nextLine(WAIT));
            return head;
        }
    }

    private static void assertRefused(List<String> response) {
        assertThat(response.get(0)).contains(" 503");
        assertThat(response).contains("Retry-After: 7");
        assertThat(response).anySatisfy(line -> assertThat(line).startsWithIgnoringCase("Content-Type: application/problem+json"));
        assertThat(response.get(response.size() - 1)).contains("\"status\":503").contains("\"title\":\"Too many connections\"");
    }

    private int openInAll() {
        return hub.openConnections().values().stream().mapToInt(Integer::intValue).sum();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
