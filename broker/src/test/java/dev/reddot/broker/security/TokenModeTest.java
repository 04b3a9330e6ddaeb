package dev.reddot.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The broker in {@code reddot.security.mode=token}, over TCP and WebSocket: only the right user and an admin read a
 * user's count; a device publishes only under its own topics; every refusal gets MQTT 5's reason code.
 */
class TokenModeTest {

    private static final String SECRET = "test-secret-test-secret-test-secret!";
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    static Path dataDir;

    static TestBroker broker;
    static AccessTokens tokens = new AccessTokens(SECRET);

    @BeforeAll
    static void start() {
        broker = TestBroker.startWithTokens(dataDir, SECRET);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ws"})
    void refusesConnectionsWithoutAValidTokenForTheirUserName(String transport) {
        String expired = new AccessTokens(SECRET, Clock.fixed(Instant.now().minusSeconds(7200), ZoneOffset.UTC))
                .mint("alice", Scope.USER, Duration.ofHours(1));
        String forged = new AccessTokens("someone-else's-secret-of-32-bytes-or-more")
                .mint("alice", Scope.ADMIN, Duration.ofHours(1));
        String bobs = tokens.mint("bob", Scope.USER, Duration.ofHours(1));

        for (String token : new String[] {null, expired, forged, "not-a-token", bobs}) {
            assertThatThrownBy(() -> RecordingMqttClient.connectWithToken(url(transport), "alice", token))
                    .isInstanceOf(MqttException.class)
                    .satisfies(refused -> assertThat(((MqttException) refused).getReasonCode())
                            .isIn(0x86, 0x87, 4, 5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ws"})
    void refusesATokenBeforeItsNotBeforeTimeOverMqtt5And311AndTakesItOnceDue(String transport) throws Exception {
        Instant now = Instant.now();
        String notYet = tokens.mint("alice", Scope.USER, now.plusSeconds(600), now.plusSeconds(3600));
        String alreadyDue = tokens.mint("alice", Scope.USER, now.minusSeconds(1), now.plusSeconds(3600));

        assertThatThrownBy(() -> RecordingMqttClient.connectWithToken(url(transport), "alice", notYet))
                .isInstanceOfSatisfying(MqttException.class,
                        refused -> assertThat(refused.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD));
        assertThat(connect311(transport, "alice", notYet)).isEqualTo(
                org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        RecordingMqttClient.connectWithToken(url(transport), "alice", alreadyDue).close();
        assertThat(connect311(transport, "alice", alreadyDue)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ws"})
    void onlyTheRightUserAndAnAdminReadAUsersCount(String transport) throws Exception {
        String user = "alice-" + transport;
        try (RecordingMqttClient alice = user(transport, user);
             RecordingMqttClient bob = user(transport, "bob-" + transport);
             RecordingMqttClient admin = admin(transport)) {
            assertThat(alice.subscribeForReasonCode("/message/" + user, 1)).isEqualTo(1);
            assertThat(admin.subscribeForReasonCode("/message/" + user, 1)).isEqualTo(1);
            assertThat(bob.subscribeForReasonCode("/message/" + user, 1)).isEqualTo(NOT_AUTHORIZED);
            assertThat(bob.subscribeForReasonCode("/message/+", 1)).isEqualTo(NOT_AUTHORIZED);
            assertThat(bob.subscribeForReasonCode("/message/#", 1)).isEqualTo(NOT_AUTHORIZED);
            assertThat(bob.subscribeForReasonCode("#", 1)).isEqualTo(NOT_AUTHORIZED);

            admin.publish("/message/" + user, "{\"unread\":3}", 1, true, Map.of("seq", "1"));

            assertThat(alice.next(Duration.ofSeconds(5)).payload()).isEqualTo("{\"unread\":3}");
            assertThat(admin.next(Duration.ofSeconds(5)).payload()).isEqualTo("{\"unread\":3}");
            assertThat(bob.drain(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ws"})
    void usersPublishNothingAndDevicesOnlyUnderTheirOwnTopics(String transport) throws Exception {
        String device = "sensor-" + transport;
        try (RecordingMqttClient admin = admin(transport);
             RecordingMqttClient alice = user(transport, "alice-" + transport);
             RecordingMqttClient sensor = RecordingMqttClient.connectWithToken(url(transport), device,
                     tokens.mint(device, Scope.DEVICE, Duration.ofHours(1)))) {
            admin.subscribe("/message/#", 1).subscribe("devices/#", 1);

            assertThat(alice.publishForReasonCode("/message/alice-" + transport, "{\"unread\":99}", 1))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(sensor.publishForReasonCode("devices/other-sensor/telemetry", "{\"t\":1}", 1))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(sensor.publishForReasonCode("devices/" + device + "/telemetry", "{\"t\":21.5}", 1))
                    .isZero();
            // last: Paho 1.2.5 drops its connection after a PUBREC with a reason code, as [MQTT-4.3.3-4] allows
            assertThat(sensor.publishForReasonCode("devices/other-sensor/alerts", "{\"t\":1}", 2))
                    .isEqualTo(NOT_AUTHORIZED);

            RecordingMqttClient.Received delivered = admin.next(Duration.ofSeconds(5));
            assertThat(delivered.topic()).isEqualTo("devices/" + device + "/telemetry");
            assertThat(admin.drain(QUIET)).isEmpty();
        }
    }

    /** Connects (and disconnects) with MQTT 3.1.1; answers the CONNACK's return code. */
    private static int connect311(String transport, String username, String token)
            throws org.eclipse.paho.client.mqttv3.MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(username);
        options.setPassword(token.toCharArray());
        try (MqttClient client = new MqttClient(url(transport), "test-" + UUID.randomUUID(), new MemoryPersistence())) {
            client.connect(options);
            client.disconnect();
            return 0;
        } catch (org.eclipse.paho.client.mqttv3.MqttException refused) {
            return refused.getReasonCode();
        }
    }

    private static RecordingMqttClient user(String transport, String userId) throws MqttException {
        return RecordingMqttClient.connectWithToken(url(transport), userId,
                tokens.mint(userId, Scope.USER, Duration.ofHours(1)));
    }

    private static RecordingMqttClient admin(String transport) throws MqttException {
        return RecordingMqttClient.connectWithToken(url(transport), "reddot-test-admin",
                tokens.mint("reddot-test-admin", Scope.ADMIN, Duration.ofHours(1)));
    }

    private static String url(String transport) {
        return "tcp".equals(transport) ? broker.tcpUrl() : broker.websocketUrl();
    }
}
