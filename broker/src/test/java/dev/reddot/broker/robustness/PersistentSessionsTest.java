package dev.reddot.broker.robustness;

import static dev.reddot.broker.robustness.AttackedBroker.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.robustness.AttackerConnection.Received;
import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.Scope;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device keeps sessions in the broker after its connections end: for a day at most, and ten at most per subject;
 * the eleventh is refused and the broker's memory stays flat however many the device asks for.
 */
class PersistentSessionsTest {

    private static final Logger LOG = LoggerFactory.getLogger(PersistentSessionsTest.class);
    private static final int CAP = 10;
    private static final long DAY = 86_400;
    private static final int QUOTA_EXCEEDED = 0x97;
    private static final int SERVER_UNAVAILABLE = 0x03;

    @TempDir
    Path dataDir;

    private AttackedBroker broker;

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void aLongerSessionExpiryIsLoweredToADayAndCONNACKSaysSo() throws Exception {
        broker = AttackedBroker.start(dataDir);
        try (AttackerConnection device = broker.connecting(Protocol.V5, "sensor-1", "s", false,
                PacketBuilder.sessionExpiry(30 * DAY))) {
            Received connack = device.next(ANSWER);
            assertThat(connack.reasonCode()).isZero();
            assertThat(connack.sessionExpiry()).isEqualTo(OptionalLong.of(DAY));
        }
        try (AttackerConnection device = broker.connecting(Protocol.V5, "sensor-1", "t", false,
                PacketBuilder.sessionExpiry(3_600))) {
            assertThat(device.next(ANSWER).sessionExpiry()).as("a shorter interval stands").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSessionExpiresAfterTheMaximumOnceItsConnectionEnds(Protocol protocol) throws Exception {
        broker = AttackedBroker.start(dataDir, limits(Duration.ofSeconds(2), CAP));
        byte[] hour = anHour(protocol);
        broker.device(protocol, "sensor-2", false, hour).close();
        assertThat(sessionPresent(protocol, "sensor-2", hour)).as("kept a moment after its connection ended").isTrue();
        // each reconnect reopens the session and starts its expiry anew: the first look comes after the maximum
        await().pollDelay(Duration.ofSeconds(4)).pollInterval(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                .until(() -> !sessionPresent(protocol, "sensor-2", hour));
    }

    private boolean sessionPresent(Protocol protocol, String device, byte[] properties) throws Exception {
        try (AttackerConnection connection = broker.connecting(protocol, device, device, false, properties)) {
            Received connack = connection.next(ANSWER);
            assertThat(connack.type()).isEqualTo(Received.CONNACK);
            return connack.sessionPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theEleventhPersistentSessionOfASubjectIsRefused(Protocol protocol) throws Exception {
        broker = AttackedBroker.start(dataDir);
        byte[] hour = anHour(protocol);
        holdTheCap(protocol, "sensor-3", hour);
        assertThat(connect(protocol, "sensor-3", "one-more", false, hour))
                .isEqualTo(List.of(protocol == Protocol.V5 ? QUOTA_EXCEEDED : SERVER_UNAVAILABLE, Received.CLOSED));
        assertThat(connect(protocol, "sensor-3", "s3", false, hour)).as("reconnecting to one of its sessions")
                .startsWith(0);
        assertThat(connect(protocol, "sensor-3", "passing", true, new byte[0])).as("a clean session").startsWith(0);
        assertThat(connect(protocol, "another-sensor", "one-more", false, hour)).as("another subject").startsWith(0);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theSessionsKeptAcrossARestartStillTakeTheirPlaces(Protocol protocol) throws Exception {
        broker = AttackedBroker.start(dataDir);
        byte[] hour = anHour(protocol);
        holdTheCap(protocol, "sensor-7", hour);
        broker.restart();

        assertThat(connect(protocol, "sensor-7", "one-more", false, hour)).as("an 11th after the restart")
                .isEqualTo(List.of(protocol == Protocol.V5 ? QUOTA_EXCEEDED : SERVER_UNAVAILABLE, Received.CLOSED));
        try (AttackerConnection kept = broker.connecting(protocol, "sensor-7", "s3", false, hour)) {
            assertThat(kept.next(ANSWER).sessionPresent()).as("a session the store kept").isTrue();
        }
        assertThat(connect(protocol, "sensor-7", "s0", true, new byte[0])).as("cleaning one").startsWith(0);
        assertThat(connect(protocol, "sensor-7", "one-more", false, hour)).as("in the place it freed")
                .startsWith(0);
        assertThat(connect(protocol, "sensor-7", "and-another", false, hour)).as("no place left")
                .startsWith(protocol == Protocol.V5 ? QUOTA_EXCEEDED : SERVER_UNAVAILABLE);
    }

    @Test
    void aCleanStartFreesThePlaceOfTheSessionItReplaces() throws Exception {
        broker = AttackedBroker.start(dataDir);
        holdTheCap(Protocol.V5, "sensor-4", PacketBuilder.sessionExpiry(3_600));
        assertThat(connect(Protocol.V5, "sensor-4", "s0", true, new byte[0])).startsWith(0);
        assertThat(connect(Protocol.V5, "sensor-4", "s10", false, PacketBuilder.sessionExpiry(3_600))).startsWith(0);
    }

    @Test
    void anExpiredSessionFreesItsPlace() throws Exception {
        broker = AttackedBroker.start(dataDir, limits(Duration.ofSeconds(2), 2));
        byte[] hour = PacketBuilder.sessionExpiry(3_600);
        assertThat(connect(Protocol.V5, "sensor-5", "a", false, hour)).startsWith(0);
        assertThat(connect(Protocol.V5, "sensor-5", "b", false, hour)).startsWith(0);
        assertThat(connect(Protocol.V5, "sensor-5", "c", false, hour)).startsWith(QUOTA_EXCEEDED);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> connect(Protocol.V5, "sensor-5", "c", false, hour).get(0) == 0);
    }

    @Test
    void aSessionKeptAcrossARestartFreesItsPlaceWhenItExpires() throws Exception {
        broker = AttackedBroker.start(dataDir, limits(Duration.ofSeconds(3), 2));
        byte[] hour = PacketBuilder.sessionExpiry(3_600);
        assertThat(connect(Protocol.V5, "sensor-8", "a", false, hour)).startsWith(0);
        assertThat(connect(Protocol.V5, "sensor-8", "b", false, hour)).startsWith(0);
        broker.restart();
        assertThat(connect(Protocol.V5, "sensor-8", "c", false, hour)).startsWith(QUOTA_EXCEEDED);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> connect(Protocol.V5, "sensor-8", "c", false, hour).get(0) == 0);
    }

    @Test
    void anAdminTokenIsNotCapped() throws Exception {
        broker = AttackedBroker.start(dataDir);
        for (int i = 0; i <= CAP; i++) {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("publisher-service");
            options.setPassword(broker.token("publisher-service", Scope.ADMIN).getBytes());
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3_600L);
            RecordingMqttClient.connect(broker.broker().tcpUrl(), "publisher-" + i, options).close();
        }
    }

    @Test
    void fiveThousandSessionsAskedForLeaveTheBrokersMemoryFlat() throws Exception {
        broker = AttackedBroker.start(dataDir);
        long before = BrokerMemory.usedBytes();
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            if (connect(Protocol.V5, "sensor-6", "session-" + i + "-" + "x".repeat(200), false,
                    PacketBuilder.sessionExpiry(DAY)).get(0) != 0) {
                refused++;
            }
        }
        long after = BrokerMemory.usedBytes();
        LOG.info("5,000 persistent sessions asked for: {} refused; broker memory {} before, {} after (+{})", refused,
                BrokerMemory.mib(before), BrokerMemory.mib(after), BrokerMemory.mib(after - before));
        assertThat(refused).isEqualTo(5_000 - CAP);
        assertThat(after - before).as("broker memory growth").isLessThan(8L << 20);
    }

    /** CONNECT properties of a persistent session of an hour: MQTT 5 asks for it, 3.1.1 gets one by clean session 0. */
    private static byte[] anHour(Protocol protocol) {
        return protocol == Protocol.V5 ? PacketBuilder.sessionExpiry(3_600) : new byte[0];
    }

    /** Opens {@link #CAP} persistent sessions of {@code device}, {@code s0} to {@code s9}, each accepted. */
    private void holdTheCap(Protocol protocol, String device, byte[] properties) throws Exception {
        for (int i = 0; i < CAP; i++) {
            assertThat(connect(protocol, device, "s" + i, false, properties)).startsWith(0);
        }
    }

    /** CONNECT, then the CONNACK's reason code and, if the broker closed the connection at once, CLOSED. */
    private List<Integer> connect(Protocol protocol, String device, String clientId, boolean cleanStart,
                                  byte[] properties) throws Exception {
        try (AttackerConnection connection = broker.connecting(protocol, device, clientId, cleanStart, properties)) {
            Received connack = connection.next(ANSWER);
            assertThat(connack.type()).isEqualTo(Received.CONNACK);
            int code = protocol == Protocol.V5 ? connack.reasonCode() : connack.body()[1] & 0xFF;
            if (code == 0) {
                return List.of(code);
            }
            return List.of(code, connection.next(ANSWER).type());
        }
    }

    private static BrokerProperties.Limits limits(Duration maxSessionExpiry, int persistentSessionsPerSubject) {
        BrokerProperties.Limits defaults = BrokerProperties.Limits.DEFAULTS;
        return new BrokerProperties.Limits(defaults.receiveMaximum(), defaults.serviceReceiveMaximum(),
                defaults.subscriptionsPerClient(), maxSessionExpiry, persistentSessionsPerSubject,
                defaults.queuedMessagesPerSession(), defaults.retainedTopicsPerDevice(),
                defaults.publishRatePerSubject(), defaults.publishBurstPerSubject());
    }
}
