package dev.reddot.publisher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * Token mode over the publisher's API, against the real broker in token mode: {@code /api/**} answers admin tokens
 * (401 without a valid token, 403 with a user or device token; the bulk {@code POST /api/counts} included), except
 * that a user token may list its own notifications and mark them read, and the publisher's own MQTT connection gets in
 * with the admin token it mints, so that an admin's PUT reaches subscribers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.security.mode=token", "reddot.security.jwt-secret=" + ApiSecurityTest.SECRET})
class ApiSecurityTest {

    static final String SECRET = "a-test-secret-of-at-least-32-bytes-for-hs256";
    private static final AccessTokens TOKENS = new AccessTokens(SECRET);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    static TestBroker broker;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        broker = TestBroker.startWithTokens(dataDir.resolve("broker"), SECRET);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
        registry.add("reddot.data-dir", () -> dataDir.resolve("data").toString());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Stream<Arguments> refusals() {
        String expired = new AccessTokens(SECRET, Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC))
                .mint("ops", Scope.ADMIN, Duration.ofHours(1));
        String forged = new AccessTokens("another-secret-of-at-least-32-bytes-long!!").mint("ops", Scope.ADMIN,
                Duration.ofHours(1));
        return Stream.of(
                Arguments.of("no token", null, 401),
                Arguments.of("malformed", "not.a-jwt", 401),
                Arguments.of("expired", expired, 401),
                Arguments.of("forged", forged, 401),
                Arguments.of("user", TOKENS.mint("alice", Scope.USER, Duration.ofHours(1)), 403),
                Arguments.of("device", TOKENS.mint("sensor-1", Scope.DEVICE, Duration.ofHours(1)), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void apiRefusesAnythingButAnAdminToken(String name, String token, int status) throws Exception {
        for (HttpRequest.Builder request : new HttpRequest.Builder[] {
                request("/api/users/alice/unread-count", token).GET(),
                request("/api/users/alice/unread-count", token).PUT(json("{\"count\":3}")),
                request("/api/users/alice/notifications", token).POST(json("{\"title\":\"Hi\"}")),
                request("/api/broadcasts", token).POST(json("{\"title\":\"Hi\"}")),
                request("/api/counts", token).POST(json("{\"changes\":[{\"userId\":\"alice\",\"count\":3}]}"))}) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(response.body()).contains("\"status\":" + status, "\"instance\":\"/api/")
                    .contains(status == 401 ? "\"title\":\"Missing or invalid token\"" : "\"title\":\"Not allowed\"")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aUserTokenListsItsOwnNotificationsAndMarksThemReadAndNothingElse() throws Exception {
        String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofHours(1));
        String carol = TOKENS.mint("carol", Scope.USER, Duration.ofHours(1));
        HttpResponse<String> created = http.send(request("/api/users/carol/notifications", admin)
                .POST(json("{\"title\":\"Hi\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*\"id\":\"?([^\",]+)\"?.*", "$1");

        HttpResponse<String> list = http.send(request("/api/users/carol/notifications?page=0&size=5", carol).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("\"title\":\"Hi\"", "\"read\":false");
        HttpResponse<String> read = http.send(request("/api/users/carol/notifications/" + id + "/read", carol)
                .POST(json("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        HttpResponse<String> readAll = http.send(request("/api/users/carol/notifications/read-all", carol)
                .POST(json("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readAll.statusCode()).as(readAll.body()).isEqualTo(200);
        assertThat(readAll.body()).contains("\"count\":0");
    }

    static Stream<Arguments> beyondTheOwnInbox() {
        return Stream.of(
                Arguments.of("GET", "/api/users/dave/notifications"),
                Arguments.of("POST", "/api/users/dave/notifications/1/read"),
                Arguments.of("POST", "/api/users/dave/notifications/read-all"),
                Arguments.of("POST", "/api/users/carol/notifications"),
                Arguments.of("GET", "/api/users/carol/unread-count"),
                Arguments.of("PUT", "/api/users/carol/unread-count"),
                Arguments.of("GET", "/api/users/carol/notifications/1"),
                Arguments.of("DELETE", "/api/users/carol/notifications/1"),
                Arguments.of("PUT", "/api/groups/g/members/carol"),
                Arguments.of("POST", "/api/broadcasts"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("beyondTheOwnInbox")
    void aUserTokenIsRefusedBeyondItsOwnInbox(String method, String path) throws Exception {
        String carol = TOKENS.mint("carol", Scope.USER, Duration.ofHours(1));
        HttpResponse<String> response = http.send(request(path, carol).method(method, json("{\"count\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void aDeviceTokenNamedLikeAUserReadsNoInbox() throws Exception {
        String device = TOKENS.mint("carol", Scope.DEVICE, Duration.ofHours(1));
        HttpResponse<String> list = http.send(request("/api/users/carol/notifications", device).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(list.statusCode()).as(list.body()).isEqualTo(403);
    }

    @Test
    void anAdminTokenSetsTheCountAndThePublisherPublishesItWithItsOwnToken() throws Exception {
        String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofHours(1));
        try (RecordingMqttClient alice = RecordingMqttClient.connectWithToken(broker.tcpUrl(), "alice",
                TOKENS.mint("alice", Scope.USER, Duration.ofHours(1))).subscribe("/message/alice", 1)) {
            HttpResponse<String> put = http.send(request("/api/users/alice/unread-count", admin)
                    .PUT(json("{\"count\":3}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.body()).contains("\"count\":3");
            assertThat(alice.next(WAIT).payload()).isEqualTo("3");
        }
        HttpResponse<String> get = http.send(request("/api/users/alice/unread-count", admin).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).contains("\"count\":3");
    }

    @Test
    void anAdminTokenChangesCountsInBulk() throws Exception {
        String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofHours(1));
        try (RecordingMqttClient bob = RecordingMqttClient.connectWithToken(broker.tcpUrl(), "bob",
                TOKENS.mint("bob", Scope.USER, Duration.ofHours(1))).subscribe("/message/bob", 1)) {
            HttpResponse<String> post = http.send(request("/api/counts", admin)
                    .POST(json("{\"changes\":[{\"userId\":\"bob\",\"count\":4},{\"userId\":\"bob\",\"increment\":1}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
            assertThat(post.body()).contains("\"count\":5");
            assertThat(bob.next(WAIT).payload()).isEqualTo("5");
        }
    }

    @Test
    void healthTellsAnyoneItsStatusAndOnlyAnAdminItsDetails() throws Exception {
        String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofHours(1));
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = send(request("/actuator/health", null));
            assertThat(health.statusCode()).isEqualTo(200);
            // no client id to take the publisher's place at the broker with, no broker address
            assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "clientId");
        });
        assertThat(send(request("/actuator/health", admin)).body())
                .contains("\"mqttPublisher\":{", "\"clientId\":\"reddot-publisher-", broker.tcpUrl());
    }

    @Test
    void metricsNeedAnAdminToken() throws Exception {
        assertThat(send(request("/actuator/prometheus", null)).statusCode()).isEqualTo(401);
        assertThat(send(request("/actuator/prometheus", TOKENS.mint("alice", Scope.USER, Duration.ofHours(1))))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = send(request("/actuator/prometheus",
                TOKENS.mint("ops", Scope.ADMIN, Duration.ofHours(1))));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("reddot_");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }
}
