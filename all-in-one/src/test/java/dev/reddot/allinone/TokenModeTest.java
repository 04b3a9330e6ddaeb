package dev.reddot.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * The all-in-one in token mode, end to end: the publisher's {@code /api/**} chain and the gateway's {@code /push/**}
 * chain live side by side, the publisher and the gateway reach the embedded broker with the admin tokens they mint,
 * and a count an admin sets reaches the user's SSE stream and the user's MQTT over WebSocket, each opened with the
 * user's own token.
 */
class TokenModeTest {

    private static final String SECRET = "all-in-one-test-secret-of-at-least-32-bytes";
    private static final AccessTokens TOKENS = new AccessTokens(SECRET);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    static RunningAllInOne reddot;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofMinutes(10));

    @BeforeAll
    static void start() {
        reddot = new RunningAllInOne(dataDir).start("--reddot.security.mode=token", "--reddot.security.jwt-secret=" + SECRET);
    }

    @AfterAll
    static void stop() {
        reddot.close();
    }

    @Test
    void isHealthyOnceBothServicesGotIntoTheBrokerWithTheirTokens() {
        await().atMost(WAIT).untilAsserted(() -> {
            // its details are an admin's (ActuatorTokenModeTest)
            HttpResponse<String> health = send(request("/actuator/health", admin).GET());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"mqttBroker\":{", "\"mqttPublisher\":{", "\"mqttGateway\":{")
                    .doesNotContain("DOWN");
        });
    }

    @Test
    void anAdminsCountReachesTheUsersSseStreamOpenedWithTheUsersToken() throws Exception {
        String alice = TOKENS.mint("alice", Scope.USER, Duration.ofMinutes(10));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        http.sendAsync(request("/push/sse/alice?access_token=" + alice, null).GET().build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(lines::add));
        assertThat(nextDataLine(lines)).contains("\"userId\":\"alice\"");

        assertThat(putCount("alice", 3, admin).statusCode()).isEqualTo(200);

        assertThat(nextDataLine(lines)).contains("\"userId\":\"alice\",\"count\":3");
    }

    @Test
    void anAdminsCountReachesTheUsersMqttOverWebSocketWithTheUsersToken() throws Exception {
        String erin = TOKENS.mint("erin", Scope.USER, Duration.ofMinutes(10));
        try (RecordingMqttClient browser = RecordingMqttClient.connectWithToken(reddot.websocketUrl(), "erin", erin)
                .subscribe("/message/erin", 1)) {
            assertThat(putCount("erin", 6, admin).statusCode()).isEqualTo(200);

            RecordingMqttClient.Received received = browser.next(WAIT);
            assertThat(received.topic()).isEqualTo("/message/erin");
            assertThat(received.payload()).isEqualTo("6");
        }
    }

    @Test
    void theBrokerRefusesAnMqttClientWithoutAToken() {
        assertThatThrownBy(
                () -> RecordingMqttClient.connectWithToken(reddot.websocketUrl(), "erin", null))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void eachChainRefusesWhatItMust() throws Exception {
        String alice = TOKENS.mint("alice", Scope.USER, Duration.ofMinutes(10));
        String bob = TOKENS.mint("bob", Scope.USER, Duration.ofMinutes(10));

        assertProblem(putCount("alice", 1, null), 401);
        assertProblem(putCount("alice", 1, alice), 403);
        assertProblem(send(request("/push/poll/alice", bob).GET()), 403);
        assertProblem(send(request("/push/poll/alice", null).GET()), 401);
        assertProblem(send(request("/push/stats", alice).GET()), 403);
        assertThat(send(request("/push/stats", admin).GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/push/poll/alice", alice).GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/", null).GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/push/config", null).GET()).body()).contains("\"mqttUrl\"");
    }

    @Test
    void theDashboardSummaryIsAnAdminsOnly() throws Exception {
        String alice = TOKENS.mint("alice", Scope.USER, Duration.ofMinutes(10));

        assertProblem(send(request("/admin/summary", null).GET()), 401);
        assertProblem(send(request("/admin/summary", alice).GET()), 403);
        assertProblem(send(request("/admin/summary?access_token=" + admin, null).GET()), 401);
        HttpResponse<String> summary = send(request("/admin/summary", admin).GET());
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(summary.body()).contains("\"broker\":\"in this process\"", "\"mqtt-tcp\":");
        // the page itself is public: it asks for the token
        assertThat(send(request("/admin/", null).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aPageOfAnAllowedOriginGetsThroughThePreflightWithoutATokenAndReadsItsOwnInbox() throws Exception {
        String page = "http://localhost:5173"; // in the default reddot.security.allowed-origins
        String alice = TOKENS.mint("alice", Scope.USER, Duration.ofMinutes(10));

        HttpResponse<String> preflight = send(request("/api/users/alice/notifications/read-all", null)
                .header("Origin", page)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(page);

        HttpResponse<String> list = send(request("/api/users/alice/notifications", alice).header("Origin", page).GET());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue(page);
        HttpResponse<String> foreign = send(request("/api/users/alice/notifications", alice)
                .header("Origin", "https://evil.example").GET());
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> notHers = send(request("/api/users/bob/notifications", alice).header("Origin", page).GET());
        assertProblem(notHers, 403);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status);
    }

    private HttpResponse<String> putCount(String user, int count, String token) throws Exception {
        return send(request("/api/users/" + user + "/unread-count", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + "}")));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reddot.http(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String nextDataLine(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data: ")) {
                return line;
            }
        }
        throw new AssertionError("No SSE data line within " + WAIT);
    }
}
