package dev.reddot.broker.robustness;

import static dev.reddot.broker.robustness.AttackedBroker.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.robustness.AttackerConnection.Received;
import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device publishes retained messages to ever more topics of its own; past 100 (the default
 * {@code retained-topics-per-device}) each new topic is refused, while updating or clearing a kept one works, across
 * connections and a restart of the broker, and the broker's memory stays flat.
 */
class RetainedTopicsTest {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedTopicsTest.class);
    private static final int CAP = 100;
    private static final int QUOTA_EXCEEDED = 0x97;
    /** What a device may have unacknowledged (the default {@code receive-maximum}). */
    private static final int WINDOW = 20;

    /**
     * The default limits but for the publish budget: at 100 PUBLISH a second, the 20,000 of the memory test took 200 s,
     * and none of these tests is about the rate (FloodingDevicesTest is).
     */
    private static final BrokerProperties.Limits LIMITS = new BrokerProperties.Limits(20, 1000, 100,
            Duration.ofDays(1), 10, 1000, CAP, 100_000, 100_000);

    @RegisterExtension
    final AttackedBroker broker = AttackedBroker.forEachTest(LIMITS);

    @Test
    void theHundredAndFirstTopicIsRefusedWithQuotaExceededAndTheFirstHundredAreKept() throws Exception {
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-1", true, new byte[0])) {
            assertThat(refused(publishAll(device, Protocol.V5, "sensor-1", 0, CAP, "a"))).isZero();

            assertThat(publishAll(device, Protocol.V5, "sensor-1", CAP, 1, "a")).containsExactly(QUOTA_EXCEEDED);
            device.send(PacketBuilder.publish(Protocol.V5, 2, true, topic("sensor-1", CAP + 1), 7, payload("a")));
            Received pubrec = device.next(ANSWER);
            assertThat(List.of(pubrec.type(), pubrec.reasonCode())).isEqualTo(List.of(Received.PUBREC, QUOTA_EXCEEDED));
            device.send(PacketBuilder.publish(Protocol.V5, 0, true, topic("sensor-1", CAP + 2), 0, payload("a")));
            assertThat(publishAll(device, Protocol.V5, "sensor-1", 0, 1, "b")).as("an update after them").containsExactly(0);
        }
        assertThat(retainedTopics("sensor-1")).isEqualTo(topicNames("sensor-1", 0, CAP));
    }

    @Test
    void clearingATopicFreesItsPlace() throws Exception {
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-2", true, new byte[0])) {
            assertThat(refused(publishAll(device, Protocol.V5, "sensor-2", 0, CAP, "a"))).isZero();
            assertThat(publishAll(device, Protocol.V5, "sensor-2", 0, 1, "")).as("cleared").containsExactly(0);
            assertThat(publishAll(device, Protocol.V5, "sensor-2", CAP, 1, "a")).as("a new one").containsExactly(0);
            assertThat(publishAll(device, Protocol.V5, "sensor-2", CAP + 1, 1, "a")).containsExactly(QUOTA_EXCEEDED);

            // each sent right after a clearing one, before the broker has changed its store
            for (int i = 1; i <= 10; i++) {
                device.send(PacketBuilder.publish(Protocol.V5, 1, true, topic("sensor-2", i), 2 * i, payload("")));
                device.send(PacketBuilder.publish(Protocol.V5, 1, true, topic("sensor-2", CAP + i), 2 * i + 1,
                        payload("a")));
            }
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                codes.add(device.next(ANSWER).reasonCode());
            }
            assertThat(codes).as("cleared, and a new one right after each").containsOnly(0);
        }
        assertThat(retainedTopics("sensor-2")).isEqualTo(topicNames("sensor-2", 11, CAP + 11));
    }

    @Test
    void updatesOfKeptTopicsPass() throws Exception {
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-3", true, new byte[0])) {
            assertThat(refused(publishAll(device, Protocol.V5, "sensor-3", 0, CAP, "a"))).isZero();
            assertThat(refused(publishAll(device, Protocol.V5, "sensor-3", 0, CAP, "b"))).as("updated").isZero();
        }
        assertThat(retainedPayloads("sensor-3")).hasSize(CAP).allSatisfy((topic, payload) -> assertThat(payload)
                .isEqualTo("b"));
    }

    @Test
    void theCapHoldsAcrossConnectionsAndARestartOfTheBroker() throws Exception {
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-4", true, new byte[0])) {
            assertThat(refused(publishAll(device, Protocol.V5, "sensor-4", 0, CAP, "a"))).isZero();
        }
        try (AttackerConnection again = broker.device(Protocol.V5, "sensor-4", true, new byte[0])) {
            assertThat(publishAll(again, Protocol.V5, "sensor-4", CAP, 1, "a")).containsExactly(QUOTA_EXCEEDED);
            assertThat(publishAll(again, Protocol.V5, "sensor-4", 5, 1, "b")).as("an update").containsExactly(0);
        }
        broker.restart();
        try (AttackerConnection afterRestart = broker.device(Protocol.V5, "sensor-4", true, new byte[0])) {
            assertThat(publishAll(afterRestart, Protocol.V5, "sensor-4", CAP, 1, "a")).containsExactly(QUOTA_EXCEEDED);
            assertThat(publishAll(afterRestart, Protocol.V5, "sensor-4", 5, 1, "c")).as("an update").containsExactly(0);
            assertThat(publishAll(afterRestart, Protocol.V5, "sensor-4", 0, 1, "")).as("cleared").containsExactly(0);
            assertThat(publishAll(afterRestart, Protocol.V5, "sensor-4", CAP, 1, "a")).containsExactly(0);
            assertThat(publishAll(afterRestart, Protocol.V5, "sensor-4", CAP + 1, 1, "a")).containsExactly(QUOTA_EXCEEDED);
        }
        assertThat(retainedTopics("sensor-4")).isEqualTo(topicNames("sensor-4", 1, CAP + 1));
    }

    /** Five connections of one device race for its places: together they get exactly the cap, no more. */
    @Test
    void connectionsOfOneDeviceCannotPassTheCapTogether() throws Exception {
        ExecutorService connections = Executors.newFixedThreadPool(5);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                int first = c * 60;
                results.add(connections.submit(() -> {
                    try (AttackerConnection device = broker.connecting(Protocol.V5, "sensor-5", "c" + first, true,
                            new byte[0])) {
                        assertThat(device.next(ANSWER).reasonCode()).isZero();
                        return publishAll(device, Protocol.V5, "sensor-5", first, 60, "a");
                    }
                }));
            }
            int accepted = 0;
            for (Future<List<Integer>> result : results) {
                accepted += (int) result.get().stream().filter(code -> code == 0).count();
            }
            assertThat(accepted).isEqualTo(CAP);
        } finally {
            connections.shutdownNow();
        }
        assertThat(retainedTopics("sensor-5")).hasSize(CAP);
    }

    /** MQTT 3.1.1 has no reason codes: a refused QoS 1 PUBLISH is acknowledged and dropped, QoS 2 loses the connection. */
    @Test
    void mqtt311IsAcknowledgedAtQos1AndDisconnectedAtQos2() throws Exception {
        try (AttackerConnection device = broker.device(Protocol.V311, "sensor-6", true, new byte[0])) {
            assertThat(publishAll(device, Protocol.V311, "sensor-6", 0, CAP + 1, "a")).hasSize(CAP + 1);
            device.send(PacketBuilder.publish(Protocol.V311, 0, true, topic("sensor-6", CAP + 2), 0, payload("a")));
            assertThat(publishAll(device, Protocol.V311, "sensor-6", 0, 1, "b")).as("an update").hasSize(1);
            device.send(PacketBuilder.publish(Protocol.V311, 2, true, topic("sensor-6", CAP + 3), 9, payload("a")));
            assertThat(device.next(ANSWER).type()).isEqualTo(Received.CLOSED);
        }
        assertThat(retainedTopics("sensor-6")).isEqualTo(topicNames("sensor-6", 0, CAP));
    }

    @Test
    void anAdminTokenIsNotCapped() throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connectWithToken(broker.broker().tcpUrl(),
                "publisher-service", broker.token("publisher-service", Scope.ADMIN))) {
            for (int i = 0; i <= CAP; i++) {
                publisher.publish("devices/sensor-7/t/" + i, "a", 1, true, Map.of());
            }
        }
        assertThat(retainedTopics("sensor-7")).hasSize(CAP + 1);
    }

    @Test
    void twentyThousandTopicsLeaveTheBrokersMemoryFlat() throws Exception {
        int topics = 20_000;
        long before = BrokerMemory.usedBytes();
        int refused;
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-8", true, new byte[0])) {
            refused = refused(publishAll(device, Protocol.V5, "sensor-8", 0, topics, "x".repeat(200)));
        }
        long after = BrokerMemory.usedBytes();
        LOG.info("{} retained QoS 1 PUBLISH of 200 bytes to distinct topics of one device: {} refused; broker memory {} "
                + "before, {} after (+{})", topics, refused, BrokerMemory.mib(before), BrokerMemory.mib(after),
                BrokerMemory.mib(after - before));
        assertThat(refused).isEqualTo(topics - CAP);
        assertThat(after - before).as("broker memory growth").isLessThan(8L << 20);
    }

    /**
     * Publishes retained QoS 1 messages to {@code devices/{device}/t/{first…}}, {@link #WINDOW} unacknowledged at a
     * time; answers the reason code of each PUBACK (MQTT 3.1.1: 0 for each).
     */
    private static List<Integer> publishAll(AttackerConnection connection, Protocol protocol, String device, int first,
                                            int count, String payload) throws Exception {
        List<Integer> codes = new ArrayList<>(count);
        for (int start = first; start < first + count; start += WINDOW) {
            int end = Math.min(start + WINDOW, first + count);
            for (int i = start; i < end; i++) {
                connection.send(PacketBuilder.publish(protocol, 1, true, topic(device, i), i % 65_535 + 1,
                        payload(payload)));
            }
            for (int i = start; i < end; i++) {
                Received puback = connection.next(ANSWER);
                assertThat(puback.type()).as("answer to PUBLISH " + i).isEqualTo(Received.PUBACK);
                codes.add(puback.reasonCode());
            }
        }
        return codes;
    }

    private static int refused(List<Integer> codes) {
        codes.forEach(code -> assertThat(code).isIn(0, QUOTA_EXCEEDED));
        return (int) codes.stream().filter(code -> code == QUOTA_EXCEEDED).count();
    }

    /** The topics of {@code device} that a new subscriber (an admin, as a service is) receives retained messages of. */
    private Set<String> retainedTopics(String device) throws Exception {
        return new TreeSet<>(retainedPayloads(device).keySet());
    }

    private Map<String, String> retainedPayloads(String device) throws Exception {
        try (RecordingMqttClient service = RecordingMqttClient.connectWithToken(broker.broker().tcpUrl(),
                "web-gateway", broker.token("web-gateway", Scope.ADMIN))) {
            service.subscribe("devices/+/t/#", 1);
            Map<String, String> payloads = new TreeMap<>();
            List<RecordingMqttClient.Received> batch;
            while (!(batch = service.drain(Duration.ofSeconds(1))).isEmpty()) {
                batch.stream().filter(message -> message.topic().startsWith("devices/" + device + "/"))
                        .forEach(message -> payloads.put(message.topic(), message.payload()));
            }
            return payloads;
        }
    }

    private static Set<String> topicNames(String device, int first, int end) {
        return IntStream.range(first, end).mapToObj(i -> "devices/" + device + "/t/" + i)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static byte[] topic(String device, int i) {
        return PacketBuilder.utf8("devices/" + device + "/t/" + i);
    }

    private static byte[] payload(String text) {
        return PacketBuilder.utf8(text);
    }
}
