package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What all transports share: every connection released, exact counts in {@code /push/stats}, bad requests refused with
 * problem details, health that follows the broker.
 */
class GatewayTransportsTest extends GatewayOnBroker {

    @Test
    void releasesEveryOneOfAThousandSseConnections() throws Exception {
        for (int batch = 0; batch < 10; batch++) {
            List<SseStream> tabs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                SseStream tab = SseStream.open(port, "/push/sse/user-" + (i % 7));
                tabs.add(tab);
            }
            for (SseStream tab : tabs) {
                assertThat(tab.nextLine(WAIT)).startsWith("HTTP/1.1 200");
                tab.close();
            }
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(open()).containsEntry("total", 0).containsEntry("sse", 0));
    }

    @Test
    void statsCountOpenConnectionsPerTransport() throws Exception {
        String user = newUser();
        try (SseStream first = SseStream.open(port, "/push/sse/" + user);
             SseStream second = SseStream.open(port, "/push/sse/" + user)) {
            first.head(WAIT);
            second.head(WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(open()).containsEntry("sse", 2));
            assertThat(open()).containsKeys("total", "sse", "long-poll", "ws", "iframe");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/push/poll/a+b", "/push/iframe/a%2Fb", "/push/long-poll/a%23b", "/push/sse/a%2Fb",
            "/push/poll/abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde",
            "/push/long-poll/alice?timeout=61", "/push/long-poll/alice?since=x"})
    void refusesBadRequestsWithProblemDetails(String path) throws Exception {
        HttpResponse<String> response = get(path, "Accept", "text/event-stream, application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400").doesNotContain("Exception");
    }

    @Test
    void isHealthyWhileConnectedToTheBroker() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"mqttGateway\":{", "\"status\":\"UP\"");
    }
}
