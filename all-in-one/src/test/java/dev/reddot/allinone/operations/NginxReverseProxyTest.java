package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.allinone.RunningAllInOne;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.broker.testing.SseStream;

/**
 * The example reverse proxy {@code deploy/nginx/reddot.conf}, run by Debian's nginx in front of the all-in-one:
 * one origin for the gateway's transports and the broker's MQTT over WebSocket, SSE events passed on at once.
 */
class NginxReverseProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** An SSE event held in nginx's buffer would wait for 4 KiB more output, or the 15 s heartbeat. */
    private static final Duration NO_DELAY = Duration.ofMillis(500);
    private static final int CHANGES = 10;

    private static final Logger log = LoggerFactory.getLogger(NginxReverseProxyTest.class);

    @TempDir
    static Path workDir;

    static RunningAllInOne reddot;
    static Nginx nginx;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheAllInOneBehindNginx() throws Exception {
        // checked before the all-in-one starts, so that a machine without nginx skips at once
        ChildProcess.requireExecutable(Nginx.EXECUTABLE, "apt-get install nginx");
        reddot = new RunningAllInOne(workDir.resolve("data")).start();
        int httpPort = URI.create(reddot.http("/")).getPort();
        nginx = Nginx.inFrontOf(httpPort, mqttWebsocketPort(), workDir);
    }

    @AfterAll
    static void stop() {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (reddot != null) {
                reddot.close();
            }
        }
    }

    @Test
    void sseEventsPassThroughNginxAsSoonAsTheGatewaySendsThem() throws Exception {
        List<Long> direct = new ArrayList<>();
        List<Long> proxied = new ArrayList<>();
        try (SseStream straight = SseStream.open(http, reddot.http("/push/sse/nginx-sse"));
             SseStream throughNginx = SseStream.open(http, nginx.http("/push/sse/nginx-sse"))) {
            assertThat(straight.next(WAIT).data()).contains("\"count\":0");
            assertThat(throughNginx.next(WAIT).data()).contains("\"count\":0");

            for (int count = 1; count <= CHANGES; count++) {
                long sent = System.nanoTime();
                put("nginx-sse", count);
                String expected = "\"count\":" + count + ",";
                direct.add(straight.nextContaining(expected, WAIT).receivedNanos() - sent);
                proxied.add(throughNginx.nextContaining(expected, WAIT).receivedNanos() - sent);
            }
        }
        log.info("PUT -> SSE event, {} changes: direct median {} ms max {} ms; through nginx median {} ms max {} ms",
                CHANGES, millis(median(direct)), millis(Collections.max(direct)),
                millis(median(proxied)), millis(Collections.max(proxied)));
        assertThat(Collections.max(proxied)).as("slowest PUT -> SSE event through nginx, ns")
                .isLessThan(NO_DELAY.toNanos());
    }

    @Test
    void mqttOverWebSocketWorksThroughNginxOnTheSameOrigin() throws Exception {
        try (RecordingMqttClient browser = RecordingMqttClient.connect(nginx.ws("/mqtt")).subscribe("/message/nginx-mqtt", 1)) {
            put("nginx-mqtt", 5);

            Received received = browser.next(WAIT);
            assertThat(received.topic()).isEqualTo("/message/nginx-mqtt");
            assertThat(received.payload()).isEqualTo("5");
            assertThat(received.userProperties()).containsEntry("seq", "1");
        }
    }

    @Test
    void theGatewaysWebSocketTransportWorksThroughNginx() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(nginx.ws("/push/ws/nginx-ws")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("\"count\":0");

            put("nginx-ws", 2);

            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .startsWith("{\"userId\":\"nginx-ws\",\"count\":2,\"seq\":1,");
        } finally {
            socket.abort();
        }
    }

    @Test
    void healthAndPollingAreServedThroughNginx() throws Exception {
        put("nginx-poll", 4);

        assertThat(get(nginx.http("/actuator/health"))).contains("\"status\":\"UP\"");
        assertThat(get(nginx.http("/push/poll/nginx-poll"))).contains("\"count\":4");
    }

    @Test
    void tokensInQueryStringsAndReferersNeverReachNginxsAccessLog() throws Exception {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuZ2lueC1sb2cifQ.nginx-log-test-signature-0123456789";
        String[] sent = {
                "/push/poll/nginx-log?access_token=" + token,
                "/push/long-poll/nginx-log?since=0&timeout=1&access%5Ftoken=" + token,
                "/?user=nginx-log&token=" + token};
        for (String path : sent) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nginx.http(path)))
                    .header("Referer", nginx.http("/?user=nginx-log&token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(200, 304);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(nginx.accessLog())
                .contains("\"GET /push/poll/nginx-log HTTP/1.1\" 200", "\"GET /push/long-poll/nginx-log HTTP/1.1\"",
                        "\"GET / HTTP/1.1\" 200", "\"" + nginx.http("/") + "\""));
        assertThat(nginx.accessLog()).doesNotContain("nginx-log-test-signature", "eyJzdWIiOiJuZ2lueC1sb2cifQ");
    }

    private static int mqttWebsocketPort() throws Exception {
        // the all-in-one tells browsers where its MQTT over WebSocket listens: ws://{host}:<port>/mqtt
        String config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(reddot.http("/push/config"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher url = Pattern.compile("\"mqttUrl\":\"ws://[^:/]+:(\\d+)/mqtt\"").matcher(config);
        assertThat(url.find()).as("/push/config: " + config).isTrue();
        return Integer.parseInt(url.group(1));
    }

    private void put(String user, int count) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(reddot.http("/api/users/" + user + "/unread-count")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body() + "\nnginx: " + nginx.logTail()).isEqualTo(200);
        return response.body();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
