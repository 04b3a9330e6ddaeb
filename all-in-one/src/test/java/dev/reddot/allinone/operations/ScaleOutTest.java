package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.broker.testing.SseStream;

/**
 * The scale-out shape without Docker: the services apart, from their jars, on an external MQTT 5 broker (Mosquitto
 * standing in for EMQX or HiveMQ). One publisher-service, two web-gateways; a count set on the publisher reaches SSE
 * clients of both gateways, and stopping one gateway leaves the other serving.
 */
class ScaleOutTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ScaleOutTest.class);

    @TempDir
    static Path workDir;

    static Mosquitto broker;
    static ServiceJar publisher;
    static ServiceJar gatewayA;
    static ServiceJar gatewayB;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServicesApart() {
        Path publisherJar = ServiceJar.builtJar("publisher-service", "reddot-publisher.jar");
        Path gatewayJar = ServiceJar.builtJar("web-gateway", "reddot-gateway.jar");
        broker = Mosquitto.start(workDir);
        long started = System.nanoTime();
        publisher = ServiceJar.start("publisher", publisherJar, workDir,
                "--reddot.mqtt.url=" + broker.url(), "--reddot.data-dir=" + workDir.resolve("publisher-data"));
        // each gateway needs its own MQTT client id: the same id twice and the broker disconnects the older one
        gatewayA = ServiceJar.start("gateway-a", gatewayJar, workDir,
                "--reddot.mqtt.url=" + broker.url(), "--reddot.mqtt.gateway-client-id=reddot-gateway-a");
        gatewayB = ServiceJar.start("gateway-b", gatewayJar, workDir,
                "--reddot.mqtt.url=" + broker.url(), "--reddot.mqtt.gateway-client-id=reddot-gateway-b");
        Stream.of(publisher, gatewayA, gatewayB).forEach(ServiceJar::awaitHealthy);
        log.info("publisher and two gateways UP on Mosquitto in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopAll() {
        // each in its own finally: a failure to stop one must not leave the others running
        try {
            closeQuietly(gatewayA);
        } finally {
            try {
                closeQuietly(gatewayB);
            } finally {
                try {
                    closeQuietly(publisher);
                } finally {
                    closeQuietly(broker);
                }
            }
        }
    }

    @Test
    void aCountSetOnThePublisherReachesSseClientsOfBothGatewaysAndOneGatewayStoppingLeavesTheOtherServing()
            throws Exception {
        try (SseStream onA = SseStream.open(http, gatewayA.http("/push/sse/scale-alice"));
             SseStream onB = SseStream.open(http, gatewayB.http("/push/sse/scale-alice"))) {
            assertThat(onA.next(WAIT).data()).contains("\"count\":0");
            assertThat(onB.next(WAIT).data()).contains("\"count\":0");

            assertThat(put("scale-alice", "{\"count\":3}")).contains("\"seq\":1");

            assertThat(onA.next(WAIT).data()).startsWith("{\"userId\":\"scale-alice\",\"count\":3,\"seq\":1,");
            assertThat(onB.next(WAIT).data()).startsWith("{\"userId\":\"scale-alice\",\"count\":3,\"seq\":1,");

            gatewayA.close();
            await("gateway A's SSE stream ends with it").atMost(WAIT).until(onA::ended);

            assertThat(put("scale-alice", "{\"count\":4}")).contains("\"seq\":2");

            assertThat(onB.next(WAIT).data()).startsWith("{\"userId\":\"scale-alice\",\"count\":4,\"seq\":2,");
            assertThat(gatewayB.isUp()).as("gateway B's health after A stopped").isTrue();
        }
    }

    @Test
    void aGatewayAddedLaterLearnsEveryCountFromTheBrokersRetainedMessages() throws Exception {
        put("scale-bob", "{\"count\":7}");
        put("scale-carol", "{\"count\":2}");

        try (ServiceJar gatewayC = ServiceJar.start("gateway-c", ServiceJar.builtJar("web-gateway", "reddot-gateway.jar"),
                workDir, "--reddot.mqtt.url=" + broker.url(), "--reddot.mqtt.gateway-client-id=reddot-gateway-c")) {
            gatewayC.awaitHealthy();

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(get(gatewayC.http("/push/poll/scale-bob"))).contains("\"count\":7", "\"seq\":1");
                assertThat(get(gatewayC.http("/push/poll/scale-carol"))).contains("\"count\":2", "\"seq\":1");
            });
        }
    }

    private String put(String user, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(publisher.http("/api/users/" + user + "/unread-count")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void closeQuietly(AutoCloseable process) {
        if (process == null) {
            return;
        }
        try {
            process.close();
        } catch (Exception e) {
            log.warn("Could not stop {}", process, e);
        }
    }
}
