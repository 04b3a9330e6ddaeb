package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import dev.reddot.broker.testing.FreePorts;
import dev.reddot.broker.testing.SseStream;

/**
 * {@code docker-compose up} of the whole stack (images built from the jars, PostgreSQL, token mode) where a Docker
 * engine exists; skipped where none does, as on the development machines and CI of this project, which validate
 * the file with {@link DockerComposeConfigTest} instead.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeStackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final String SECRET = randomSecret();

    static ComposeContainer stack;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void composeUp() {
        DockerComposeConfigTest.CONTRACT_JAR_PATHS.forEach(jar ->
                ServiceJar.builtJar(jar.getParent().getParent().toString(), jar.getFileName().toString()));
        stack = new ComposeContainer(RepositoryRoot.path().resolve("docker-compose.yml").toFile())
                .withBuild(true)
                .withRemoveVolumes(true)
                .withEnv(Map.of(
                        "REDDOT_SECURITY_JWT_SECRET", SECRET,
                        "REDDOT_POSTGRES_PASSWORD", randomSecret(),
                        "REDDOT_SIMULATOR_TOKEN", HmacTokens.sign(SECRET, "reddot-simulator", "admin", Duration.ofHours(1)),
                        "REDDOT_IMAGE_TAG", "compose-test",
                        // free host ports: a machine running this test may already use the defaults
                        "REDDOT_MQTT_PORT", Integer.toString(FreePorts.next()),
                        "REDDOT_MQTT_WEBSOCKET_PORT", Integer.toString(FreePorts.next()),
                        "REDDOT_PUBLISHER_PORT", Integer.toString(FreePorts.next()),
                        "REDDOT_GATEWAY_PORT", Integer.toString(FreePorts.next())))
                .withExposedService("publisher", 8081,
                        Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(STARTUP))
                .withExposedService("gateway", 8080,
                        Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(STARTUP));
        stack.start();
    }

    @AfterAll
    static void composeDown() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aCountSetWithAnAdminTokenReachesTheUsersSseStreamThroughTheContainers() throws Exception {
        String user = HmacTokens.sign(SECRET, "alice", "user", Duration.ofMinutes(10));
        String admin = HmacTokens.sign(SECRET, "compose-test", "admin", Duration.ofMinutes(10));
        try (SseStream alice = SseStream.open(http, url("gateway", 8080, "/push/sse/alice?access_token=" + user))) {
            assertThat(alice.next(WAIT).data()).contains("\"userId\":\"alice\"");

            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url("publisher", 8081, "/api/users/alice/unread-count")))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":3}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            assertThat(alice.nextContaining("\"count\":3,", WAIT).data()).startsWith("{\"userId\":\"alice\",\"count\":3,");
        }
    }

    private static String url(String service, int port, String path) {
        return "http://" + stack.getServiceHost(service, port) + ":" + stack.getServicePort(service, port) + path;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
