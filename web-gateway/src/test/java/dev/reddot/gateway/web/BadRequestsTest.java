package dev.reddot.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.TestBroker;

/** A table of bad requests to the gateway: each is answered 4xx problem details, never 5xx, never a stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadRequestsTest {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        TestBroker broker = TestBroker.start(dataDir);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /push/poll/a+b                         | 400",
            "GET    | /push/sse/a%20b                        | 400",
            "GET    | /push/iframe/a%23b                     | 400",
            "GET    | /push/ws/a%2Fb                         | 400",
            "GET    | /push/poll/abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde | 400",
            "GET    | /push/long-poll/alice?since=abc        | 400",
            "GET    | /push/long-poll/alice?timeout=0        | 400",
            "GET    | /push/long-poll/alice?timeout=99999    | 400",
            "GET    | /push/poll/..%2f..%2fetc%2fpasswd      | 400",
            "GET    | /push/poll/%2e%2e                      | 400",
            "GET    | /push/sse/%2e%2e%2fstats               | 400",
            "GET    | /push/ws/..%2f..%2fpush%2fstats        | 400",
            "POST   | /push/sse/alice                        | 405",
            "DELETE | /push/poll/alice                       | 405",
            "PUT    | /push/stats                            | 405",
            "GET    | /push/nothing/alice                    | 404"})
    void refusesWithProblemDetails(String method, String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, status);
    }

    /**
     * The gateway reads no bodies: a large one gets 405 without being parsed. (Past Tomcat's max-swallow-size,
     * 2 MB, Tomcat answers the same and then closes the connection instead of reading the rest.)
     */
    @Test
    void refusesALargeBodyWithoutA5xx() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/push/poll/alice"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "x".repeat(1024 * 1024) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 405);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception", "trace");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
