package dev.reddot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.broker.testing.SseStream;
import dev.reddot.cluster.artemis.ArtemisCluster;
import dev.reddot.gateway.GatewayApplication;
import dev.reddot.publisher.PublisherApplication;

/**
 * Reddot on a real three-node MQTT 5 cluster (Artemis): the publisher on node 1, a gateway on node 2 that may move
 * to node 3, a gateway on node 3, both subscribing per user they serve and asking the publishers for those users'
 * counts whenever they (re)subscribe (Artemis keeps retained messages on the node they were published on). Counts cross nodes live, a device alert on node 3 becomes one
 * notification, a gateway whose node stops carries on from another node without losing a change, and a gateway
 * serves counts whose retained message lives on another node. The tests run in order: the last one stops node 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final Logger log = LoggerFactory.getLogger(ClusterTest.class);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path workDir;

    static ArtemisCluster cluster;
    static RunningService publisher;
    static RunningService gateway2;
    static RunningService gateway3;

    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startClusterAndServices() throws Exception {
        long started = System.nanoTime();
        cluster = ArtemisCluster.start(3, workDir.resolve("artemis"));
        log.info("3-node Artemis cluster routes between all nodes after {} ms", millisSince(started));
        long servicesStarted = System.nanoTime();
        // side by side: three Spring Boot start-ups one after the other would take most of the time budget
        CompletableFuture<RunningService> publisherStarting = CompletableFuture.supplyAsync(() ->
                RunningService.start("publisher-node-1", PublisherApplication.class,
                        "--reddot.mqtt.url=" + cluster.urls(1), "--reddot.mqtt.publisher-client-id=reddot-publisher-1",
                        "--reddot.data-dir=" + workDir.resolve("publisher")));
        // gateway 2 moves to node 3 when node 2 stops
        CompletableFuture<RunningService> gateway2Starting = CompletableFuture.supplyAsync(() ->
                RunningService.start("gateway-node-2", GatewayApplication.class,
                        "--reddot.mqtt.url=" + cluster.urls(2, 3), "--reddot.mqtt.gateway-client-id=reddot-gateway-2",
                        "--reddot.mqtt.resync-on-connect=true"));
        CompletableFuture<RunningService> gateway3Starting = CompletableFuture.supplyAsync(() ->
                RunningService.start("gateway-node-3", GatewayApplication.class,
                        "--reddot.mqtt.url=" + cluster.urls(3, 1), "--reddot.mqtt.gateway-client-id=reddot-gateway-3",
                        "--reddot.mqtt.resync-on-connect=true"));
        try {
            CompletableFuture.allOf(publisherStarting, gateway2Starting, gateway3Starting).join();
        } finally {
            // whichever started is stopped after the tests, also when another failed to start
            publisher = publisherStarting.exceptionally(failed -> null).join();
            gateway2 = gateway2Starting.exceptionally(failed -> null).join();
            gateway3 = gateway3Starting.exceptionally(failed -> null).join();
        }
        awaitCountsReachBothGateways();
        log.info("publisher and two gateways started, counts reach both after {} ms", millisSince(servicesStarted));
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            for (RunningService service : new RunningService[] {gateway3, gateway2, publisher}) {
                if (service != null) {
                    service.close();
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    @Order(1)
    void aCountSetOnThePublisherReachesSseClientsOnBothGatewaysAndMqttSubscribersOnEveryNode() throws Exception {
        try (SseStream onGateway2 = SseStream.open(http, gateway2.http("/push/sse/cluster-alice"));
             SseStream onGateway3 = SseStream.open(http, gateway3.http("/push/sse/cluster-alice"));
             RecordingMqttClient onNode2 = RecordingMqttClient.connect(cluster.node(2).mqttUrl())
                     .subscribe("/message/cluster-alice", 1);
             RecordingMqttClient onNode3 = RecordingMqttClient.connect(cluster.node(3).mqttUrl())
                     .subscribe("/message/cluster-alice", 1)) {
            assertThat(onGateway2.next(WAIT).data()).contains("\"count\":0");
            assertThat(onGateway3.next(WAIT).data()).contains("\"count\":0");
            awaitSubscriptionsKnownOnNode1("cluster-alice", onNode2, onNode3);

            List<Long> latencies = new ArrayList<>();
            for (int count = 1; count <= 20; count++) {
                long sent = System.nanoTime();
                put("cluster-alice", count);
                for (SseStream stream : List.of(onGateway2, onGateway3)) {
                    SseStream.DataLine line = stream.nextContaining("\"count\":" + count + ",", WAIT);
                    latencies.add(line.receivedNanos() - sent);
                }
                for (RecordingMqttClient subscriber : List.of(onNode2, onNode3)) {
                    Received received = nextCount(subscriber, Integer.toString(count));
                    assertThat(received.userProperties()).containsKeys("seq", "ts");
                    assertThat(received.contentType()).isEqualTo("text/plain");
                }
            }
            latencies.sort(null);
            log.info("PUT on node 1's publisher -> SSE on the gateways of nodes 2 and 3, 40 events: median {} ms, "
                            + "max {} ms", latencies.get(latencies.size() / 2) / 1_000_000,
                    latencies.get(latencies.size() - 1) / 1_000_000);
        }
    }

    @Test
    @Order(2)
    void aDeviceAlertPublishedOnNode3BecomesExactlyOneNotification() throws Exception {
        assertThat(send("PUT", publisher.http("/api/devices/cluster-sensor"), "{\"owner\":\"cluster-dave\"}")
                .statusCode()).isBetween(200, 201);
        try (RecordingMqttClient device = RecordingMqttClient.connect(cluster.node(3).mqttUrl())) {
            // the publisher's shared subscription must be known on node 3 first: warm-up alerts of another device
            assertThat(send("PUT", publisher.http("/api/devices/cluster-probe"), "{\"owner\":\"cluster-probe\"}")
                    .statusCode()).isBetween(200, 201);
            AtomicInteger probe = new AtomicInteger();
            await("the publisher's shared subscription is known on node 3").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        device.publish("devices/cluster-probe/alerts", "{\"alertId\":\"probe-" + probe.incrementAndGet()
                                + "\",\"title\":\"probe\"}", 1, false, Map.of());
                        return !get(publisher.http("/api/users/cluster-probe/unread-count")).contains("\"count\":0,");
                    });

            device.publish("devices/cluster-sensor/alerts",
                    "{\"alertId\":\"a-17\",\"title\":\"Temperature high\",\"severity\":\"warning\"}", 1, false,
                    Map.of());

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(get(gateway3.http("/push/poll/cluster-dave"))).contains("\"count\":1"));
            await("no second notification").during(Duration.ofMillis(700)).atMost(WAIT).untilAsserted(() -> {
                String notifications = get(publisher.http("/api/users/cluster-dave/notifications"));
                assertThat(occurrences(notifications, "Temperature high")).as(notifications).isEqualTo(1);
                assertThat(get(publisher.http("/api/users/cluster-dave/unread-count"))).contains("\"count\":1");
            });
        }
    }

    @Test
    @Order(3)
    void aGatewayOnAnotherNodeShowsACountAtOnceToANewConnectionThoughTheRetainedMessageIsOnNode1() throws Exception {
        put("cluster-carol", 7);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(get(gateway3.http("/push/poll/cluster-carol"))).contains("\"count\":7"));

        try (RecordingMqttClient newcomerOnNode3 = RecordingMqttClient.connect(cluster.node(3).mqttUrl())
                .subscribe("/message/cluster-carol", 1);
             SseStream newConnection = SseStream.open(http, gateway3.http("/push/sse/cluster-carol"))) {
            assertThat(newConnection.next(WAIT).data())
                    .startsWith("{\"userId\":\"cluster-carol\",\"count\":7,\"seq\":1,");
            // what the gateway copes with: node 3 holds no retained count for a subscriber of its own
            assertThat(newcomerOnNode3.drain(Duration.ofMillis(300))).as("retained messages on node 3").isEmpty();
        }
    }

    @Test
    @Order(4)
    void whenItsNodeStopsAGatewayCarriesOnFromTheNextNodeAndItsSseClientEndsOnTheLatestCount() throws Exception {
        try (SseStream onGateway2 = SseStream.open(http, gateway2.http("/push/sse/cluster-erin"))) {
            assertThat(onGateway2.next(WAIT).data()).contains("\"count\":0");
            put("cluster-erin", 1);
            assertThat(onGateway2.nextContaining("\"count\":1,", WAIT).data()).contains("\"seq\":1");

            long stopped = System.nanoTime();
            cluster.node(2).stop();
            // while gateway 2 has no node: the live message passes it by, and node 3 will hold no retained copy
            put("cluster-erin", 2);

            assertThat(onGateway2.nextContaining("\"count\":2,", WAIT).data())
                    .startsWith("{\"userId\":\"cluster-erin\",\"count\":2,\"seq\":2,");
            log.info("node 2 stopped: the count changed meanwhile reached gateway 2's SSE client via node 3 after {} ms",
                    millisSince(stopped));
            assertThat(get(gateway2.http("/actuator/health"))).contains(cluster.node(3).mqttUrl());

            put("cluster-erin", 3);

            assertThat(onGateway2.nextContaining("\"count\":3,", WAIT).data()).contains("\"seq\":3");
            assertThat(onGateway2.ended()).as("the SSE stream outlives the node").isFalse();
            assertThat(get(gateway2.http("/push/poll/cluster-erin"))).contains("\"count\":3", "\"seq\":3");
        }
    }

    /** ON_DEMAND routing: node 1 forwards to another node only once it knows of a subscription there. */
    private static void awaitCountsReachBothGateways() {
        AtomicInteger count = new AtomicInteger();
        await("counts from node 1 reach the gateways").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String expected = "\"count\":" + put("cluster-warm-up", count.incrementAndGet()) + ",";
                    return get(gateway2.http("/push/poll/cluster-warm-up")).contains(expected)
                            && get(gateway3.http("/push/poll/cluster-warm-up")).contains(expected);
                });
    }

    private static void awaitSubscriptionsKnownOnNode1(String user, RecordingMqttClient... subscribers)
            throws Exception {
        AtomicInteger count = new AtomicInteger(1_000);
        await("node 1 routes to the new subscribers").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            put(user, count.incrementAndGet());
            for (RecordingMqttClient subscriber : subscribers) {
                if (subscriber.drain(Duration.ofMillis(100)).isEmpty()) {
                    return false;
                }
            }
            return true;
        });
        put(user, 0);
    }

    private static Received nextCount(RecordingMqttClient subscriber, String count) throws InterruptedException {
        while (true) {
            Received received = subscriber.next(WAIT);
            if (received.payload().equals(count)) {
                return received;
            }
        }
    }

    private static int put(String user, int count) throws Exception {
        HttpResponse<String> response = send("PUT", publisher.http("/api/users/" + user + "/unread-count"),
                "{\"count\":" + count + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return count;
    }

    private static String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> send(String method, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
