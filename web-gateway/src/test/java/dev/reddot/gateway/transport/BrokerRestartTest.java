package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 6: the gateway survives a broker restart. Browsers keep their SSE stream, WebSocket and long poll open
 * through the outage; the gateway reconnects, subscribes again, re-reads the retained counts, and every browser gets
 * the count that changed without reconnecting by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "reddot.gateway.heartbeat=1s")
class BrokerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Reconnect delays of 1 s, growing to 5 s, plus the replay of retained counts. */
    private static final Duration BACK_AFTER_RESTART = Duration.ofSeconds(15);

    @TempDir
    static Path dataDir;

    static TestBroker broker;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        broker = TestBroker.start(dataDir);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void openStreamsGetTheNextCountAfterTheBrokerRestarts() throws Exception {
        String user = "restart-user";
        publishCount(user, 1, 1);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (SseStream sse = SseStream.open(port, "/push/sse/" + user)) {
            sse.head(WAIT);
            sse.nextBlock(WAIT);
            assertThat(sse.nextEvent(WAIT)).contains("id: 1");
            WebSocket socket = TextFrames.open(http, port, user, frames);
            assertThat(frames.poll(5, TimeUnit.SECONDS)).contains("\"seq\":1");

            broker.stop();
            CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/push/long-poll/" + user + "?since=1"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            broker.start();
            // published as soon as the broker is back, maybe before the gateway is: the retained replay brings it
            publishCount(user, 2, 2);

            assertThat(sse.nextEvent(BACK_AFTER_RESTART)).contains("id: 2",
                    "data: {\"userId\":\"" + user + "\",\"count\":2,\"seq\":2,\"ts\":1002}");
            assertThat(frames.poll(BACK_AFTER_RESTART.toSeconds(), TimeUnit.SECONDS)).contains("\"count\":2", "\"seq\":2");
            HttpResponse<String> polled = longPoll.get(BACK_AFTER_RESTART.toSeconds(), TimeUnit.SECONDS);
            assertThat(polled.statusCode()).isEqualTo(200);
            assertThat(polled.body()).contains("\"count\":2", "\"seq\":2");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/push/poll/" + user)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"seq\":2"));
    }


    private static void publishCount(String user, long count, long seq) throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publisher.publish("/message/" + user, Long.toString(count), 1, true,
                    Map.of("seq", Long.toString(seq), "ts", Long.toString(1000 + seq)));
        }
    }
}
