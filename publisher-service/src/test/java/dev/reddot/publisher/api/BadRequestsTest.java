package dev.reddot.publisher.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.env.Environment;

import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/**
 * A table of bad requests to the publisher API: each is answered 4xx problem details, never 5xx, never a stack
 * trace. Bad ids and bad count bodies are in {@link UnreadCountApiTest}; this table adds the rest.
 */
class BadRequestsTest {

    private static final int LIMIT = 64 * 1024;

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final HttpClient http = HttpClient.newHttpClient();
    private PublisherStack reddot;

    @BeforeEach
    void stack() {
        reddot = stacks.of(Store.H2);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "PUT    | /api/users/alice/unread-count             | {\"count\":                | 400",
            "PUT    | /api/users/alice/unread-count             | ''                          | 400",
            "PUT    | /api/users/alice/unread-count             | [1,2,3]                     | 400",
            "PUT    | /api/users/alice/unread-count             | {\"count\":1}{\"count\":2}  | 400",
            "POST   | /api/users/alice/notifications            | {\"title\":[]}              | 400",
            "POST   | /api/users/alice/notifications            | null                        | 400",
            "POST   | /api/users/alice/notifications/abc/read   | ''                          | 400",
            "POST   | /api/users/alice/notifications/99999999/read | ''                       | 404",
            "GET    | /api/users/alice/notifications?page=x     |                             | 400",
            "GET    | /api/users/alice/notifications?size=-1    |                             | 400",
            "DELETE | /api/users/alice/unread-count             |                             | 405",
            "PATCH  | /api/users/alice/unread-count             | {\"count\":1}               | 405",
            "GET    | /api/users/..%2f..%2fetc/unread-count     |                             | 400",
            "GET    | /api/users/%2e%2e/unread-count            |                             | 400",
            "GET    | /api/users/%2e%2e%2fadmin/unread-count    |                             | 400",
            "GET    | /api/nothing-here                         |                             | 404",
            "PUT    | /api/devices/sensor-1                     | {\"owner\":\"a b\"}         | 400"})
    void refusesWithProblemDetails(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));

        assertProblem(response, status);
    }

    /**
     * An encoded NUL or an overlong UTF-8 sequence in the path is refused by Tomcat while it parses the request
     * (CoyoteAdapter.postParseRequest), before any valve, filter or servlet: 400 with Tomcat's own small body, not
     * problem details. Still a 4xx, never a 5xx.
     */
    @ParameterizedTest
    @CsvSource({"/api/users/alice%00/unread-count", "/api/users/%C0%AE%C0%AE/unread-count"})
    void refusesBrokenPathsInTheContainer(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesATextBodyAsUnsupported() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/users/alice/unread-count"))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("3")));

        assertProblem(response, 415);
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        HttpResponse<String> response = reddot.put("/api/users/alice/unread-count",
                "{\"count\":1,\"pad\":\"" + "x".repeat(LIMIT) + "\"}");

        assertProblem(response, 413);
        assertThat(response.body()).contains("\"title\":\"Request body too large\"", "at most 65536 bytes");
    }

    @Test
    void refusesAHugeBodyWithoutReadingIt() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = reddot.post("/api/users/alice/notifications",
                "{\"title\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}");

        assertProblem(response, 413);
        System.out.printf("10 MiB body refused in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void refusesAChunkedBodyOverTheLimit() throws Exception {
        byte[] body = ("{\"count\":1,\"pad\":\"" + "x".repeat(2 * LIMIT) + "\"}").getBytes();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/users/alice/unread-count"))
                .header("Content-Type", "application/json")
                // a publisher from a stream has no length: the body is sent chunked
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(response, 413);
    }

    @Test
    void takesAChunkedBodyUnderTheLimit() throws Exception {
        byte[] body = "{\"count\":5}".getBytes();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/users/chunky/unread-count"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"count\":5");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception", "trace");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + reddot.bean(Environment.class).getRequiredProperty("local.server.port") + path);
    }
}
