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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * The actuator of the all-in-one in token mode, as an outsider, a user and an admin see it: the public health
 * endpoint tells its status and nothing else (no client id to take over, no broker address), every other actuator
 * endpoint needs an admin token.
 */
class ActuatorTokenModeTest {

    private static final String SECRET = "actuator-test-secret-of-at-least-32-bytes!";
    private static final AccessTokens TOKENS = new AccessTokens(SECRET);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Every actuator path but the plain health: exposed ones, a component of health, and unexposed ones. */
    private static final List<String> ADMIN_ONLY = List.of("/actuator/prometheus", "/actuator/health/mqttGateway",
            "/actuator/health/mqttBroker", "/actuator", "/actuator/info", "/actuator/env", "/actuator/metrics");

    @TempDir
    static Path dataDir;

    static RunningAllInOne reddot;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofMinutes(10));
    private final String alice = TOKENS.mint("alice", Scope.USER, Duration.ofMinutes(10));

    @BeforeAll
    static void start() {
        reddot = new RunningAllInOne(dataDir).start("--reddot.security.mode=token",
                "--reddot.security.jwt-secret=" + SECRET);
    }

    @AfterAll
    static void stop() {
        reddot.close();
    }

    @Test
    void anonymousHealthIsTheStatusAloneWithNoClientIdNorBrokerAddress() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "clientId");
        });
        // and the details it would name are really there, for an admin
        String details = get("/actuator/health", admin).body();
        assertThat(details).contains("\"mqttBroker\":{", "\"mqttPublisher\":{", "\"mqttGateway\":{",
                "reddot-publisher-", "reddot-gateway-", reddot.mqttUrl());
        for (String user : new String[] {null, alice}) {
            String body = get("/actuator/health", user).body();
            assertThat(body).doesNotContain("components", "details", "clientId", "reddot-publisher-",
                    "reddot-gateway-", reddot.mqttUrl(), "127.0.0.1");
        }
    }

    @Test
    void everyOtherActuatorEndpointRefusesAnonymousAndUserTokens() throws Exception {
        for (String path : ADMIN_ONLY) {
            assertProblem(get(path, null), 401, path);
            assertProblem(get(path, alice), 403, path);
            assertProblem(get(path, "not.a.token"), 401, path);
        }
    }

    @Test
    void anAdminTokenSeesMetricsAndComponents() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus", admin);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("reddot_");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(get("/actuator/health/mqttGateway", admin).body()).contains("\"clientId\":\"reddot-gateway-"));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String path) {
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        assertThat(response.body()).as(path).doesNotContain("reddot_", "clientId");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reddot.http(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
