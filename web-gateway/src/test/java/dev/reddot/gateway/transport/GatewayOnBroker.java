package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

/**
 * The gateway on a free port, fed by a real broker that lives exactly as long as the gateway: each transport's test
 * extends this, and Spring's test context cache gives them all the one gateway and broker. Counts are published over
 * MQTT as the publisher-service publishes them (retained, with seq and ts), so the gateway is fed only by the broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.gateway.heartbeat=200ms", "reddot.gateway.sse-retry=3s",
                // a thousand connections of one user: above the default per-user limit on purpose
                "reddot.gateway.max-connections-per-user=5000"})
@Import(GatewayOnBroker.Broker.class)
public abstract class GatewayOnBroker {

    protected static final Duration WAIT = Duration.ofSeconds(5);
    /** A user whose count was retained before the gateway started: it learns it from the broker's replay. */
    protected static final String EARLY_USER = "early-bird";

    @LocalServerPort
    protected int port;

    @Autowired
    private RecordingMqttClient publisher;

    protected final HttpClient http = HttpClient.newHttpClient();

    /**
     * Imported, not annotated: a {@code @Configuration} here would be found by the gateway's component scan and move
     * every other gateway in the tests onto this broker.
     */
    static class Broker {

        @Bean(destroyMethod = "close")
        TestBroker testBroker() throws Exception {
            return TestBroker.start(Files.createTempDirectory("reddot-gateway-test-"));
        }

        @Bean(destroyMethod = "close")
        RecordingMqttClient countPublisher(TestBroker broker) throws Exception {
            RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl());
            publish(publisher, EARLY_USER, 4, 11);
            return publisher;
        }

        @Bean
        DynamicPropertyRegistrar brokerUrl(TestBroker broker) {
            return registry -> registry.add("reddot.mqtt.url", broker::tcpUrl);
        }
    }

    protected void publishCount(String user, long count, long seq) throws Exception {
        publish(publisher, user, count, seq);
    }

    private static void publish(RecordingMqttClient publisher, String user, long count, long seq) throws Exception {
        publisher.publish("/message/" + user, Long.toString(count), 1, true,
                Map.of("seq", Long.toString(seq), "ts", Long.toString(1000 + seq)));
    }

    /** Waits until the gateway has the user's count of this seq. */
    protected void awaitCount(String user, long seq) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/push/poll/" + user).body()).contains("\"seq\":" + seq));
    }

    /** {@code /push/stats}: open connections per transport, and the total. */
    protected Map<String, Integer> open() throws Exception {
        String body = get("/push/stats").body();
        Map<String, Integer> stats = new HashMap<>();
        for (String pair : body.replaceAll("[{}\"]", "").split(",")) {
            String[] keyValue = pair.split(":");
            stats.put(keyValue[0], Integer.parseInt(keyValue[1]));
        }
        return stats;
    }

    protected HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    protected CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.GET().build();
    }

    protected static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
