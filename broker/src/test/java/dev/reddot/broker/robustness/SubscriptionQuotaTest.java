package dev.reddot.broker.robustness;

import static dev.reddot.broker.robustness.AttackedBroker.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.reddot.broker.robustness.AttackerConnection.Received;
import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device subscribes to ever more topic filters; past 100 (the default cap) each is refused and memory stays flat. A
 * persistent session's filters count across reconnects and restarts, until the session expires or is cleaned.
 */
class SubscriptionQuotaTest {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionQuotaTest.class);
    private static final int CAP = 100;
    private static final int QUOTA_EXCEEDED = 0x97;
    private static final int PUBLISH = 3;

    @RegisterExtension
    final AttackedBroker broker = AttackedBroker.forEachTest();

    /** Raw packets: Paho's Java client 1.2.5 takes SUBACK 0x97 for an invalid code and drops its connection. */
    @Test
    void refusesTheFiltersBeyondTheCapWithQuotaExceeded() throws Exception {
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-1", true, new byte[0])) {
            assertThat(subscribeAll(device, Protocol.V5, "sensor-1", 0, CAP)).as("refused").isZero();
            assertThat(subscribeAll(device, Protocol.V5, "sensor-1", CAP, 1)).as("refused").isEqualTo(1);
            assertThat(subscribeAll(device, Protocol.V5, "sensor-1", 0, 1)).as("subscribed again").isZero();

            device.send(PacketBuilder.unsubscribe(Protocol.V5, 7, PacketBuilder.utf8("devices/sensor-1/t/0")));
            assertThat(device.next(ANSWER).type()).isEqualTo(Received.UNSUBACK);
            assertThat(subscribeAll(device, Protocol.V5, "sensor-1", CAP, 1)).as("a place freed").isZero();
        }
    }

    @Test
    void aPersistentSessionKeepsItsCountAcrossConnections() throws Exception {
        try (AttackerConnection first = broker.device(Protocol.V5, "sensor-2", false, PacketBuilder.sessionExpiry(3600))) {
            assertThat(subscribeAll(first, Protocol.V5, "sensor-2", 0, CAP)).as("refused").isZero();
        }
        try (AttackerConnection again = broker.device(Protocol.V5, "sensor-2", false, PacketBuilder.sessionExpiry(3600))) {
            assertThat(subscribeAll(again, Protocol.V5, "sensor-2", CAP, 10)).as("refused").isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theSubscriptionsKeptAcrossARestartStillCount(Protocol protocol) throws Exception {
        byte[] hour = protocol == Protocol.V5 ? PacketBuilder.sessionExpiry(3_600) : new byte[0];
        try (AttackerConnection device = broker.device(protocol, "sensor-5", false, hour)) {
            assertThat(subscribeAll(device, protocol, "sensor-5", 0, CAP)).as("refused").isZero();
        }
        broker.restart();

        try (AttackerConnection resumed = broker.connecting(protocol, "sensor-5", "sensor-5", false, hour)) {
            assertThat(resumed.next(ANSWER).sessionPresent()).as("the session the store kept").isTrue();
            assertThat(subscribeAll(resumed, protocol, "sensor-5", CAP, 1)).as("one more after the restart")
                    .isEqualTo(1);
            assertThat(subscribeAll(resumed, protocol, "sensor-5", 7, 1)).as("one of the 100 again").isZero();
        }
        try (AttackerConnection clean = broker.device(protocol, "sensor-5", true, new byte[0])) {
            assertThat(subscribeAll(clean, protocol, "sensor-5/new", 0, CAP)).as("refused after a clean start")
                    .isZero();
            assertThat(firstDelivered(clean, protocol, "devices/sensor-5/t/0", "devices/sensor-5/new/t/0"))
                    .as("the cleaned session's filters deliver nothing").isEqualTo("devices/sensor-5/new/t/0");
        }
    }

    /**
     * An MQTT 5 session of Clean Start 1 with an expiry is a persistent one (pipeline/CleanStartSessions; Moquette alone
     * kept it in memory, and a restart did not bring it back): it comes back with its subscriptions, which still count.
     */
    @Test
    void aCleanStartSessionWithAnExpiryComesBackWithItsSubscriptionsCounted() throws Exception {
        byte[] hour = PacketBuilder.sessionExpiry(3_600);
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-7", true, hour)) {
            assertThat(subscribeAll(device, Protocol.V5, "sensor-7", 0, CAP)).as("refused").isZero();
        }
        broker.restart();

        try (AttackerConnection again = broker.connecting(Protocol.V5, "sensor-7", "sensor-7", false, hour)) {
            assertThat(again.next(ANSWER).sessionPresent()).as("a session after the restart").isTrue();
            assertThat(subscribeAll(again, Protocol.V5, "sensor-7", CAP, 1)).as("one more after the restart")
                    .isEqualTo(1);
        }
    }

    @Test
    void aSessionKeptAcrossARestartTakesItsSubscriptionsAlongWhenItExpires() throws Exception {
        byte[] fiveSeconds = PacketBuilder.sessionExpiry(5);
        try (AttackerConnection device = broker.device(Protocol.V5, "sensor-6", false, fiveSeconds)) {
            assertThat(subscribeAll(device, Protocol.V5, "sensor-6", 0, CAP)).as("refused").isZero();
        }
        broker.restart();

        // each look that finds the session reopens it and starts its expiry anew: the first comes after the expiry
        await().pollDelay(Duration.ofSeconds(6)).pollInterval(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(40))
                .until(() -> {
                    try (AttackerConnection device = broker.connecting(Protocol.V5, "sensor-6", "sensor-6", false,
                            fiveSeconds)) {
                        if (device.next(ANSWER).sessionPresent()) {
                            return false;
                        }
                        assertThat(subscribeAll(device, Protocol.V5, "sensor-6/new", 0, CAP)).as("refused").isZero();
                        assertThat(firstDelivered(device, Protocol.V5, "devices/sensor-6/t/0",
                                "devices/sensor-6/new/t/0")).isEqualTo("devices/sensor-6/new/t/0");
                        return true;
                    }
                });
    }

    @Test
    void mqtt311GetsFailureBeyondTheCap() throws Exception {
        try (AttackerConnection attacker = broker.device(Protocol.V311, "sensor-3", true, new byte[0])) {
            assertThat(subscribeAll(attacker, Protocol.V311, "sensor-3", 0, CAP)).isZero();
            attacker.send(PacketBuilder.subscribe(Protocol.V311, 1, PacketBuilder.utf8("devices/sensor-3/more"), 1));
            assertThat(attacker.next(ANSWER).firstSubackCode(Protocol.V311)).isEqualTo(0x80);
        }
    }

    @Test
    void anAdminTokenIsNotCapped() throws Exception {
        try (RecordingMqttClient gateway = RecordingMqttClient.connectWithToken(broker.broker().tcpUrl(),
                "web-gateway", broker.token("web-gateway", Scope.ADMIN))) {
            for (int i = 0; i <= CAP; i++) {
                assertThat(gateway.subscribeForReasonCode("/message/u" + i, 1)).isEqualTo(1);
            }
        }
    }

    @Test
    void twentyThousandLongFiltersLeaveTheBrokersMemoryFlat() throws Exception {
        long before = BrokerMemory.usedBytes();
        int refused;
        try (AttackerConnection attacker = broker.device(Protocol.V5, "sensor-4", true, new byte[0])) {
            refused = subscribeAll(attacker, Protocol.V5, "sensor-4/" + "x".repeat(1_000), 0, 20_000);
            long during = BrokerMemory.usedBytes();
            LOG.info("20,000 SUBSCRIBE of 1 KiB filters: {} refused; broker memory {} before, {} after (+{})", refused,
                    BrokerMemory.mib(before), BrokerMemory.mib(during), BrokerMemory.mib(during - before));
            assertThat(refused).isEqualTo(20_000 - CAP);
            assertThat(during - before).as("broker memory growth").isLessThan(16L << 20);
        }
    }

    /**
     * Publishes at QoS 0 to {@code first}, then to {@code second}, which {@code device} is subscribed to; answers the
     * topic of the first message it receives: {@code first} only if a subscription matching it is left.
     */
    private static String firstDelivered(AttackerConnection device, Protocol protocol, String first, String second)
            throws Exception {
        device.send(PacketBuilder.publish(protocol, 0, false, PacketBuilder.utf8(first), 0, PacketBuilder.utf8("1")));
        device.send(PacketBuilder.publish(protocol, 0, false, PacketBuilder.utf8(second), 0, PacketBuilder.utf8("2")));
        Received message = device.next(ANSWER);
        assertThat(message.type()).isEqualTo(PUBLISH);
        int length = (message.body()[0] & 0xFF) << 8 | message.body()[1] & 0xFF;
        return new String(message.body(), 2, length, StandardCharsets.UTF_8);
    }

    /** Subscribes to {@code count} filters one SUBSCRIBE each, pipelined; answers how many were refused. */
    private static int subscribeAll(AttackerConnection connection, Protocol protocol, String device, int first,
                                    int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            connection.send(PacketBuilder.subscribe(protocol, i % 65_535 + 1,
                    PacketBuilder.utf8("devices/" + device + "/t/" + i), 1));
        }
        int refused = 0;
        for (int i = 0; i < count; i++) {
            Received suback = connection.next(ANSWER);
            assertThat(suback.type()).isEqualTo(Received.SUBACK);
            if (suback.firstSubackCode(protocol) >= 0x80) {
                assertThat(suback.firstSubackCode(protocol)).isEqualTo(protocol == Protocol.V5 ? QUOTA_EXCEEDED : 0x80);
                refused++;
            }
        }
        return refused;
    }
}
