package dev.reddot.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reddot.broker.security.MqttAttacker.MqttRefused;
import dev.reddot.broker.security.MqttAttacker.Received;
import dev.reddot.broker.security.MqttAttacker.Will;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broker in token mode, attacked the way issue 13 found it open: without credentials, with someone else's client
 * id, with a Will Message, with a shared subscription, with Reddot's own user properties; each over TCP and WebSocket,
 * MQTT 5 and 3.1.1. Every attack is made for real and must fail.
 */
class TokenModeAttacksTest {

    private static final String SECRET = "attack-secret-attack-secret-attack!";
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration SOON = Duration.ofSeconds(5);
    private static final int V5_BAD_CREDENTIALS = 0x86;
    private static final int V5_NOT_AUTHORIZED = 0x87;
    private static final int V3_BAD_CREDENTIALS = 4;
    private static final int V3_NOT_AUTHORIZED = 5;

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

    /** MQTT 5 and 3.1.1, over TCP and over WebSocket. */
    record Way(boolean mqtt5, String transport) {

        String url() {
            return "tcp".equals(transport) ? broker.tcpUrl() : broker.websocketUrl();
        }

        int badCredentials() {
            return mqtt5 ? V5_BAD_CREDENTIALS : V3_BAD_CREDENTIALS;
        }

        int notAuthorized() {
            return mqtt5 ? V5_NOT_AUTHORIZED : V3_NOT_AUTHORIZED;
        }

        /** The SUBACK code of a refused subscription: 0x87 Not authorized, or 3.1.1's only failure code. */
        int refusedSubscription() {
            return mqtt5 ? V5_NOT_AUTHORIZED : 0x80;
        }

        String id(String name) {
            return name + "-" + (mqtt5 ? "v5" : "v3") + "-" + transport + "-" + UUID.randomUUID().toString().substring(0, 6);
        }

        @Override
        public String toString() {
            return (mqtt5 ? "MQTT 5" : "MQTT 3.1.1") + " over " + transport;
        }
    }

    static List<Way> ways() {
        return List.of(new Way(true, "tcp"), new Way(true, "ws"), new Way(false, "tcp"), new Way(false, "ws"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aClientWithoutCredentialsIsRefused(Way way) {
        String alicesToken = user("alice");
        assertRefused(way, null, null, way.badCredentials());
        assertRefused(way, "", alicesToken, way.badCredentials());
        assertRefused(way, "alice", null, way.badCredentials());
        assertRefused(way, "alice", "", way.badCredentials());
        assertRefused(way, "alice", "not-a-token", way.badCredentials());
        // tokens an admin may have minted by mistake: a subject that is no valid id, one that looks like a namespace
        assertRefused(way, "a/b", user("a/b"), way.badCredentials());
        assertRefused(way, "user:alice", admin("user:alice"), way.badCredentials());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void anotherPrincipalsClientIdNeitherReadsItsSubscriptionsNorKnocksItOff(Way way) throws Exception {
        String gatewayClientId = way.id("reddot-gateway");
        String carol = way.id("carol");
        try (MqttAttacker gateway = MqttAttacker.connect(true, broker.tcpUrl(), gatewayClientId, "reddot-gateway",
                admin("reddot-gateway"), true, null);
             MqttAttacker publisher = connectedAdmin()) {
            gateway.subscribe("/message/+");
            String mallory = way.id("mallory");
            for (String password : new String[] {null, user(mallory)}) {
                try (MqttAttacker attacker = MqttAttacker.connect(way.mqtt5(), way.url(), gatewayClientId,
                        password == null ? null : mallory, password, true, null)) {
                    assertThat(password).as("connected without credentials").isNotNull();
                    assertThat(attacker.subscribe("/message/+")).containsExactly(way.refusedSubscription());

                    publisher.publish("/message/" + carol, "7", 1, false, Map.of("seq", "1"));

                    assertThat(gateway.next(SOON).payload()).isEqualTo("7");
                    assertThat(attacker.drain(QUIET)).isEmpty();
                    assertThat(gateway.isConnected()).isTrue();
                } catch (MqttRefused refused) {
                    assertThat(password).as("refused with valid credentials").isNull();
                    assertThat(refused.code).isEqualTo(way.badCredentials());
                }
            }
            assertThat(gateway.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void anotherPrincipalsClientIdDoesNotResumeItsPersistentSession(Way way) throws Exception {
        String clientId = way.id("bob-phone");
        String bob = way.id("bob");
        try (MqttAttacker bobsPhone = MqttAttacker.connect(way.mqtt5(), way.url(), clientId, bob, user(bob), false,
                null)) {
            assertThat(bobsPhone.subscribe("/message/" + bob)).containsExactly(1);
        }
        try (MqttAttacker publisher = connectedAdmin()) {
            publisher.publish("/message/" + bob, "3", 1, false, Map.of());
        }
        String mallory = way.id("mallory");
        try (MqttAttacker attacker = MqttAttacker.connect(way.mqtt5(), way.url(), clientId, mallory, user(mallory),
                false, null)) {
            assertThat(attacker.drain(QUIET)).isEmpty();
        }
        try (MqttAttacker bobsPhone = MqttAttacker.connect(way.mqtt5(), way.url(), clientId, bob, user(bob), false,
                null)) {
            assertThat(bobsPhone.next(SOON).payload()).as("bob's queued count").isEqualTo("3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aWillMessageObeysThePublishRulesOfItsSubject(Way way) throws Exception {
        String alice = way.id("alice");
        String carol = way.id("carol");
        String sensor = way.id("sensor");
        try (MqttAttacker watcher = connectedAdmin()) {
            watcher.subscribe("/message/" + carol, "devices/+/alerts");
            for (int qos = 0; qos <= 2; qos++) {
                Will onCarolsCount = new Will("/message/" + carol, "999", qos, true, Map.of("seq", "8000000000000000000"));
                assertRefusedWithWill(way, alice, user(alice), onCarolsCount);
                Will onAnotherDevice = new Will("devices/other-sensor/alerts", "{}", qos, false, Map.of());
                assertRefusedWithWill(way, sensor, device(sensor), onAnotherDevice);
            }

            Will ownAlert = new Will("devices/" + sensor + "/alerts", "{\"alertId\":\"w\"}", 1, false,
                    Map.of("seq", "8000000000000000000", "ts", "1", "reddot.published-qos", "0", "site", "north"));
            MqttAttacker.connect(way.mqtt5(), way.url(), way.id("sensor-client"), sensor, device(sensor), true,
                    ownAlert).drop();

            Received will = watcher.next(SOON);
            assertThat(will.topic()).isEqualTo("devices/" + sensor + "/alerts");
            assertThat(will.userProperties()).isEqualTo(way.mqtt5() ? Map.of("site", "north") : Map.of());
            assertThat(watcher.drain(QUIET)).as("no will on carol's count").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aRefusedSubscriptionSharedOrNotDeliversNothing(Way way) throws Exception {
        String alice = way.id("alice");
        String carol = way.id("carol");
        try (MqttAttacker attacker = MqttAttacker.connect(way.mqtt5(), way.url(), way.id("alice-client"), alice,
                user(alice), true, null);
             MqttAttacker publisher = connectedAdmin()) {
            assertThat(attacker.subscribe("/message/" + alice, "$share/x//message/+", "$share/y//message/" + carol,
                    "/message/" + carol)).containsExactly(1, way.refusedSubscription(), way.refusedSubscription(),
                    way.refusedSubscription());
            assertThat(attacker.subscribe("$share/z//message/#")).containsExactly(way.refusedSubscription());

            publisher.publish("/message/" + carol, "5", 1, false, Map.of());
            publisher.publish("/message/" + alice, "2", 1, false, Map.of());

            assertThat(attacker.next(SOON).topic()).isEqualTo("/message/" + alice);
            assertThat(attacker.drain(QUIET)).isEmpty();
        }
    }

    static List<Way> mqtt5Ways() {
        return ways().stream().filter(Way::mqtt5).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mqtt5Ways")
    void onlyAnAdminSetsReddotsOwnUserProperties(Way way) throws Exception {
        String sensor = way.id("sensor");
        try (MqttAttacker watcher = connectedAdmin();
             MqttAttacker device = MqttAttacker.connect(way.mqtt5(), way.url(), way.id("sensor-client"), sensor,
                     device(sensor), true, null)) {
            watcher.subscribe("devices/+/telemetry");

            device.publish("devices/" + sensor + "/telemetry", "{\"t\":21}", 1, true,
                    Map.of("seq", "9000000000000000000", "ts", "1", "reddot.published-qos", "0", "unit", "C"));

            assertThat(watcher.next(SOON).userProperties()).isEqualTo(Map.of("unit", "C"));
            try (MqttAttacker late = connectedAdmin()) {
                late.subscribe("devices/" + sensor + "/telemetry");
                assertThat(late.next(SOON).userProperties()).as("the retained copy").isEqualTo(Map.of("unit", "C"));
            }
        }
    }

    /** Paho's MQTT 5 client sends a topic the second time as a Topic Alias alone: the same rules must hold. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mqtt5Ways")
    void aPublishByTopicAliasObeysTheSameRules(Way way) throws Exception {
        String sensor = way.id("sensor");
        String bobsCount = "/message/" + way.id("bob");
        try (MqttAttacker watcher = connectedAdmin();
             MqttAttacker device = MqttAttacker.connect(way.mqtt5(), way.url(), way.id("sensor-client"), sensor,
                     device(sensor), true, null)) {
            watcher.subscribe(bobsCount, "devices/" + sensor + "/#");
            for (int i = 0; i < 3; i++) {
                device.publish(bobsCount, "4242", 0, false, Map.of());
                device.publish("devices/" + sensor + "/telemetry", "{\"t\":" + i + "}", 1, false, Map.of("seq", "9"));
            }

            for (int i = 0; i < 3; i++) {
                Received telemetry = watcher.next(SOON);
                assertThat(telemetry.topic()).isEqualTo("devices/" + sensor + "/telemetry");
                assertThat(telemetry.userProperties()).isEmpty();
            }
            assertThat(watcher.drain(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aConnectionWhoseTokenExpiredMayNeitherSubscribeNorPublish(Way way) throws Exception {
        String sensor = way.id("sensor");
        String shortLived = tokens.mint(sensor, Scope.DEVICE, Duration.ofSeconds(2));
        try (MqttAttacker watcher = connectedAdmin();
             MqttAttacker device = MqttAttacker.connect(way.mqtt5(), way.url(), way.id("sensor-client"), sensor,
                     shortLived, true, null)) {
            watcher.subscribe("devices/" + sensor + "/#");
            assertThat(device.subscribe("devices/" + sensor + "/commands")).containsExactly(1);

            await().atMost(SOON).pollInterval(Duration.ofMillis(100))
                    .until(() -> device.subscribe("devices/" + sensor + "/config")
                            .equals(List.of(way.refusedSubscription())));
            device.publish("devices/" + sensor + "/telemetry", "{\"t\":1}", 0, false, Map.of());

            assertThat(watcher.drain(QUIET)).isEmpty();
        }
    }

    private static void assertRefused(Way way, String username, String password, int code) {
        assertThatThrownBy(() -> MqttAttacker.connect(way.mqtt5(), way.url(), way.id("anonymous"), username, password,
                true, null).close())
                .as("user name %s, password %s", username, password == null ? null : "given")
                .isInstanceOfSatisfying(MqttRefused.class, refused -> assertThat(refused.code).isEqualTo(code));
    }

    private static void assertRefusedWithWill(Way way, String subject, String token, Will will) {
        assertThatThrownBy(() -> MqttAttacker.connect(way.mqtt5(), way.url(), way.id("will"), subject, token, true,
                will).close())
                .as("will on %s at QoS %d", will.topic(), will.qos())
                .isInstanceOfSatisfying(MqttRefused.class,
                        refused -> assertThat(refused.code).isEqualTo(way.notAuthorized()));
    }

    private static MqttAttacker connectedAdmin() throws MqttRefused {
        return MqttAttacker.connect(true, broker.tcpUrl(), "admin-" + UUID.randomUUID(), "reddot-test-admin",
                admin("reddot-test-admin"), true, null);
    }

    private static String user(String subject) {
        return tokens.mint(subject, Scope.USER, Duration.ofHours(1));
    }

    private static String device(String subject) {
        return tokens.mint(subject, Scope.DEVICE, Duration.ofHours(1));
    }

    private static String admin(String subject) {
        return tokens.mint(subject, Scope.ADMIN, Duration.ofHours(1));
    }
}
