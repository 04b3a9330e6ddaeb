package dev.reddot.cluster.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;

/** What Reddot relies on, and what it must work around, in the cluster the other tests run on. */
class ArtemisClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    static ArtemisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ArtemisCluster.start(3, dataDir);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void aCountPublishedOnOneNodeReachesSubscribersOfTheOthersWithItsProperties() throws Exception {
        try (RecordingMqttClient onNode2 = RecordingMqttClient.connect(cluster.node(2).mqttUrl()).subscribe("/message/+", 1);
             RecordingMqttClient onNode3 = RecordingMqttClient.connect(cluster.node(3).mqttUrl()).subscribe("/message/+", 1);
             RecordingMqttClient publisher = RecordingMqttClient.connect(cluster.node(1).mqttUrl())) {
            awaitSubscriptionsKnownEverywhere(publisher, onNode2, onNode3);

            publisher.publish("/message/artemis-alice", "3", 1, false, Map.of("seq", "7", "ts", "1732280000000"));

            for (RecordingMqttClient subscriber : new RecordingMqttClient[] {onNode2, onNode3}) {
                Received received = subscriber.next(WAIT);
                assertThat(received.topic()).isEqualTo("/message/artemis-alice");
                assertThat(received.payload()).isEqualTo("3");
                assertThat(received.qos()).isEqualTo(1);
                assertThat(received.userProperties()).containsEntry("seq", "7").containsEntry("ts", "1732280000000");
            }
        }
    }

    @Test
    void aRetainedMessageIsKeptOnlyByTheNodeItWasPublishedOn() throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(cluster.node(1).mqttUrl())) {
            publisher.publish("/message/artemis-bob", "5", 1, true, Map.of("seq", "1"));
        }
        try (RecordingMqttClient onNode1 = RecordingMqttClient.connect(cluster.node(1).mqttUrl())
                .subscribe("/message/artemis-bob", 1);
             RecordingMqttClient onNode3 = RecordingMqttClient.connect(cluster.node(3).mqttUrl())
                     .subscribe("/message/artemis-bob", 1)) {
            assertThat(onNode1.next(WAIT).payload()).isEqualTo("5");
            assertThat(onNode3.drain(Duration.ofMillis(500))).as("retained messages on node 3").isEmpty();
        }
    }

    /** ON_DEMAND: a node forwards to another only once it has heard of a subscription there. */
    private static void awaitSubscriptionsKnownEverywhere(RecordingMqttClient publisher,
                                                          RecordingMqttClient... subscribers) throws Exception {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            publisher.publish("/message/artemis-warm-up", "0", 0, false, Map.of("seq", "0"));
            for (RecordingMqttClient subscriber : subscribers) {
                if (subscriber.drain(Duration.ofMillis(50)).isEmpty()) {
                    return false;
                }
            }
            return true;
        });
        for (RecordingMqttClient subscriber : subscribers) {
            subscriber.drain(Duration.ofMillis(200));
        }
    }
}
