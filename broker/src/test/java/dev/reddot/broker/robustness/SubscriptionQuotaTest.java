package dev.reddot.broker.robustness;

import static dev.reddot.broker.robustness.AttackedBroker.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;


import dev.reddot.broker.robustness.AttackerConnection.Received;
import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A device subscribes to ever more topic filters; past 100 (the default cap) each is refused and memory stays flat. */
class SubscriptionQuotaTest {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionQuotaTest.class);
    private static final int CAP = 100;
    private static final int QUOTA_EXCEEDED = 0x97;

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
