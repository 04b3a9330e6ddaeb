package dev.reddot.allinone.attacks;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reddot.allinone.RunningAllInOne;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * The attacks issue 13 found working against an all-in-one in token mode, typed as an outsider, a user and a device
 * would type them with the Mosquitto command-line clients. Each must fail; SECURITY.md has the table.
 */
class TokenModeAttacksTest {

    private static final String SECRET = "attack-suite-secret-of-at-least-32-bytes!";
    private static final AccessTokens TOKENS = new AccessTokens(SECRET);
    private static final String GATEWAY_CLIENT_ID = "reddot-gateway-attacked";
    private static final String PUBLISHER_CLIENT_ID = "reddot-publisher-attacked";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @TempDir
    static Path dataDir;

    static RunningAllInOne reddot;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofMinutes(10));

    @BeforeAll
    static void start() {
        reddot = new RunningAllInOne(dataDir).start("--reddot.security.mode=token",
                "--reddot.security.jwt-secret=" + SECRET, "--reddot.mqtt.gateway-client-id=" + GATEWAY_CLIENT_ID,
                "--reddot.mqtt.publisher-client-id=" + PUBLISHER_CLIENT_ID);
    }

    @AfterAll
    static void stop() {
        reddot.close();
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "311"})
    void aSubscriberWithoutCredentialsIsRefused(String version) throws Exception {
        MosquittoCommand.Outcome outcome = MosquittoCommand.run("mosquitto_sub",
                args(version, "-i", "x1", "-t", "/message/bob", "-W", "5"));

        assertRefused(outcome);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "311"})
    void theGatewaysClientIdGivesNeitherItsCountsNorItsPlace(String version) throws Exception {
        assertRefused(MosquittoCommand.run("mosquitto_sub", args(version, "-i", GATEWAY_CLIENT_ID, "-t", "/message/+")));

        String mallory = user("mallory");
        try (MosquittoCommand attacker = MosquittoCommand.start("mosquitto_sub", args(version, "-d",
                "-i", GATEWAY_CLIENT_ID, "-u", "mallory", "-P", mallory, "-t", "/message/+", "-v"))) {
            await().atMost(WAIT).until(() -> attacker.printed().contains("SUBACK"));
            putCount("bob-" + version, 4);

            await().atMost(WAIT).untilAsserted(() -> assertThat(poll("bob-" + version)).contains("\"count\":4"));
            putCount("bob-" + version, 5);
            await().atMost(WAIT).untilAsserted(() -> assertThat(poll("bob-" + version))
                    .as("the gateway still receives counts").contains("\"count\":5"));
            assertThat(attacker.finish(QUIET).output()).doesNotContain("/message/bob");
        }
        assertThat(health()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "311"})
    void nobodyButAnAdminSetsACountOrItsSeq(String version) throws Exception {
        String bob = "bob-seq-" + version;
        putCount(bob, 1);
        List<String> forgedCount = List.of("-q", "1", "-r", "-t", "/message/" + bob, "-m", "4242");
        List<String> forgedSeq = "5".equals(version)
                ? List.of("-D", "publish", "user-property", "seq", "9000000000000000000") : List.of();

        assertRefused(MosquittoCommand.run("mosquitto_pub",
                args(version, concat(List.of("-i", PUBLISHER_CLIENT_ID), forgedCount, forgedSeq))));
        MosquittoCommand.run("mosquitto_pub", args(version, concat(
                List.of("-i", PUBLISHER_CLIENT_ID, "-u", bob, "-P", user(bob)), forgedCount, forgedSeq)));
        MosquittoCommand.run("mosquitto_pub", args(version, concat(
                List.of("-i", PUBLISHER_CLIENT_ID, "-u", "sensor-1", "-P", device("sensor-1")), forgedCount,
                forgedSeq)));

        putCount(bob, 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(poll(bob)).contains("\"count\":2,\"seq\":2"));
        assertThat(poll(bob)).doesNotContain("4242");
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "311"})
    void aWillMessageCannotSetSomeoneElsesCount(String version) throws Exception {
        String carol = "carol-will-" + version;
        putCount(carol, 1);
        List<String> will = new ArrayList<>(List.of("--will-topic", "/message/" + carol, "--will-payload", "999",
                "--will-qos", "2", "--will-retain"));
        if ("5".equals(version)) {
            will.addAll(List.of("-D", "will", "user-property", "seq", "8000000000000000000"));
        }

        MosquittoCommand.Outcome outcome = MosquittoCommand.run("mosquitto_sub", args(version,
                concat(List.of("-u", "alice", "-P", user("alice"), "-t", "/message/alice", "-W", "5"), will)));

        assertThat(outcome.output()).containsIgnoringCase("not authori");
        assertThat(poll(carol)).contains("\"count\":1,\"seq\":1");
    }

    @Test
    void aRefusedSharedSubscriptionDeliversNothing() throws Exception {
        try (MosquittoCommand alice = MosquittoCommand.start("mosquitto_sub", args("5", "-d", "-u", "alice", "-P",
                user("alice"), "-t", "/message/alice", "-t", "$share/x//message/+", "-v"))) {
            await().atMost(WAIT).until(() -> alice.printed().contains("SUBACK"));
            putCount("carol", 7);
            putCount("alice", 2);

            await().atMost(WAIT).untilAsserted(() -> assertThat(alice.printed()).contains("/message/alice 2"));
            assertThat(alice.finish(QUIET).output()).doesNotContain("/message/carol");
        }
    }

    private static void assertRefused(MosquittoCommand.Outcome outcome) {
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).containsIgnoringCase("bad user name or password");
    }

    private List<String> args(String version, String... arguments) {
        return args(version, List.of(arguments));
    }

    private List<String> args(String version, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("-V", version, "-h", "127.0.0.1", "-p",
                Integer.toString(reddot.mqttPort())));
        all.addAll(arguments);
        return all;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private void putCount(String user, int count) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(reddot.http(
                        "/api/users/" + user + "/unread-count")))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String poll(String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http("/push/poll/" + user)))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String health() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http("/actuator/health"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String user(String subject) {
        return TOKENS.mint(subject, Scope.USER, Duration.ofMinutes(10));
    }

    private static String device(String subject) {
        return TOKENS.mint(subject, Scope.DEVICE, Duration.ofMinutes(10));
    }
}
