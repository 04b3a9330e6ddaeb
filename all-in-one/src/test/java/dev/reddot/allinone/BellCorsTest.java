package dev.reddot.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <reddot-bell>} on a page of another origin, in open mode, as the browser of that page would ask: anyone may
 * load the script; only a page of {@code reddot.security.allowed-origins} may read and mark through the bell's routes,
 * and nothing else of {@code /api/**}. Token mode: {@code TokenModeTest}.
 */
class BellCorsTest {

    static final String SHOP = "https://shop.example";
    private static final String FOREIGN = "https://evil.example";

    @TempDir
    static Path dataDir;

    static RunningAllInOne reddot;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        reddot = new RunningAllInOne(dataDir).start("--reddot.security.allowed-origins=http://127.0.0.1:*," + SHOP);
    }

    @AfterAll
    static void stop() {
        reddot.close();
    }

    @Test
    void anyPageMayLoadTheBellsScriptAndItsChunks() throws Exception {
        HttpResponse<String> script = send("GET", "/reddot-bell.js", FOREIGN, null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(script.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        String chunk = script.body().replaceAll("(?s).*?(reddot-bell-chunks/[\\w.-]+\\.js).*", "/$1");
        assertThat(chunk).startsWith("/reddot-bell-chunks/");
        HttpResponse<String> loaded = send("GET", chunk, FOREIGN, null);
        assertThat(loaded.statusCode()).isEqualTo(200);
        assertThat(loaded.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void anAllowedPageGetsThroughThePreflightOfEveryRouteTheBellCalls() throws Exception {
        for (List<String> route : bellRoutes()) {
            HttpResponse<String> preflight = preflight(route.get(0), route.get(1), SHOP);
            assertThat(preflight.statusCode()).as(route.toString()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(route.toString()).hasValue(SHOP);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue(route.get(0));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                    .contains("authorization", "content-type");
            assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
        HttpResponse<String> list = send("GET", "/api/users/dora/notifications", SHOP, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        HttpResponse<String> readAll = send("POST", "/api/users/dora/notifications/read-all", SHOP, null);
        assertThat(readAll.statusCode()).as(readAll.body()).isEqualTo(200);
        assertThat(readAll.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
    }

    @Test
    void aPageNotInTheListGetsNoCorsAndStillCannotChangeACount() throws Exception {
        for (List<String> route : bellRoutes()) {
            HttpResponse<String> preflight = preflight(route.get(0), route.get(1), FOREIGN);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(route.toString()).isEmpty();
        }
        HttpResponse<String> list = send("GET", "/api/users/dora/notifications", FOREIGN, null);
        assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> readAll = send("POST", "/api/users/dora/notifications/read-all", FOREIGN, null);
        assertThat(readAll.statusCode()).isEqualTo(403);
        assertThat(readAll.body()).contains("\"title\":\"Foreign origin\"");
        assertThat(readAll.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void nothingElseOfTheApiGetsCorsEvenForAnAllowedPage() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/users/dora/unread-count", SHOP, "{\"count\":3}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        for (List<String> route : List.of(List.of("PUT", "/api/users/dora/unread-count"),
                List.of("GET", "/api/users/dora/unread-count"), List.of("POST", "/api/users/dora/notifications"),
                List.of("GET", "/push/stats"), List.of("GET", "/admin/summary"))) {
            assertThat(preflight(route.get(0), route.get(1), SHOP).headers().firstValue("Access-Control-Allow-Origin"))
                    .as(route.toString()).isEmpty();
        }
    }

    static List<List<String>> bellRoutes() {
        return List.of(List.of("GET", "/push/config"), List.of("GET", "/push/sse/dora"),
                List.of("GET", "/push/long-poll/dora"), List.of("GET", "/push/poll/dora"),
                List.of("GET", "/api/users/dora/notifications"),
                List.of("POST", "/api/users/dora/notifications/7/read"),
                List.of("POST", "/api/users/dora/notifications/read-all"));
    }

    private HttpResponse<String> preflight(String method, String path, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http(path)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String origin, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reddot.http(path))).header("Origin", origin)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
