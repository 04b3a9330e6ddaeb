package dev.reddot.allinone;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Open mode against a page of another site, as the browser of a user who visits it would send its requests: it may
 * neither zero alice's count (a form POST needs no CORS permission) nor read it (CORS keeps the answers of HTTP
 * reads from it; a WebSocket is not covered by CORS, so the gateway checks its Origin). Pages from this machine, and
 * clients that send no Origin (curl, back-ends), keep working.
 */
class CrossSiteTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FOREIGN = "https://evil.example";

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
    void aForeignPageCannotZeroACountButALocalPageAndCurlCan() throws Exception {
        notify("alice");
        notify("alice");

        HttpResponse<String> foreign = post("/api/users/alice/notifications/read-all", FOREIGN);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(foreign.body()).contains("\"title\":\"Foreign origin\"", FOREIGN);
        assertThat(post("/api/users/alice/notifications/read-all", "null").statusCode()).isEqualTo(403);
        assertThat(post("/api/users/alice/notifications/read-all", "http://127.0.0.1.evil.example").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/users/alice/unread-count", null).body()).contains("\"count\":2");

        HttpResponse<String> local = post("/api/users/alice/notifications/read-all", origin());
        assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
        assertThat(get("/api/users/alice/unread-count", null).body()).contains("\"count\":0");

        notify("alice");
        assertThat(post("/api/users/alice/notifications/read-all", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aForeignPageCannotOpenTheWebSocketButTheGatewaysOwnPageCan() throws Exception {
        String bob = reddot.http("/push/ws/bob");
        assertThat(PushWebSocket.refusal(http, bob, FOREIGN, WAIT)).isEqualTo(403);
        assertThat(PushWebSocket.refusal(http, bob, "null", WAIT)).isEqualTo(403);
        assertThat(PushWebSocket.firstFrame(http, bob, origin(), WAIT)).contains("\"userId\":\"bob\"");
        assertThat(PushWebSocket.firstFrame(http, bob, null, WAIT)).contains("\"userId\":\"bob\"");
    }

    @Test
    void noReadAnswersAForeignOriginWithCorsPermission() throws Exception {
        for (String path : List.of("/push/poll/carol", "/push/long-poll/carol?since=0&timeout=1",
                "/api/users/carol/unread-count", "/api/users/carol/notifications", "/push/stats")) {
            HttpResponse<String> response = get(path, FOREIGN);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(reddot.http(path)))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", FOREIGN).header("Access-Control-Request-Method", "GET").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("preflight " + path).isEmpty();
        }
        HttpResponse<java.io.InputStream> sse = http.send(HttpRequest.newBuilder(URI.create(reddot.http("/push/sse/carol")))
                .header("Origin", FOREIGN).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = sse.body()) {
            assertThat(sse.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    private String origin() {
        return reddot.http("").replaceAll("/$", "");
    }

    private void notify(String user) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create(reddot.http("/api/users/" + user + "/notifications")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> post(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reddot.http(path)))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reddot.http(path)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
