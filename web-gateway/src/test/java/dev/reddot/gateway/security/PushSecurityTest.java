package dev.reddot.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

/**
 * Token mode over HTTP, against the real broker in token mode: the gateway's own MQTT connection must get in with the
 * admin token it mints. Every push transport × every kind of token: only alice's own token and an admin token read
 * alice's count; anything else is refused with 401 or 403 and problem details before a stream or upgrade starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.security.mode=token", "reddot.security.jwt-secret=" + Credential.SECRET})
class PushSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    static TestBroker broker;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        broker = TestBroker.startWithTokens(dataDir, Credential.SECRET);
        try (RecordingMqttClient publisher = RecordingMqttClient.connectWithToken(broker.tcpUrl(), "ops",
                Credential.ADMIN.token())) {
            publisher.publish("/message/" + Credential.USER, "7", 1, true, Map.of("seq", "3", "ts", "1003"));
        }
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Stream<Arguments> matrix() {
        return Stream.of("sse", "long-poll", "poll", "iframe").flatMap(transport ->
                Stream.of(Credential.values()).map(credential -> Arguments.of(transport, credential)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("matrix")
    void httpTransportsLetOnlyTheUserAndAdminsRead(String transport, Credential credential) throws Exception {
        HttpResponse<InputStream> response = open("/push/" + transport + "/" + Credential.USER, credential, true);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(credential.status);
            if (credential.reads()) {
                assertThat(firstLineContaining(body, "\"count\":")).contains("\"userId\":\"alice\"", "\"count\":7");
            } else {
                assertRefusal(response, new String(body.readAllBytes(), StandardCharsets.UTF_8), credential);
            }
        }
    }

    @ParameterizedTest(name = "ws with {0}")
    @EnumSource(Credential.class)
    void webSocketUpgradesOnlyForTheUserAndAdmins(Credential credential) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/alice" + query(credential)), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                });
        if (credential.reads()) {
            WebSocket socket = handshake.get(5, TimeUnit.SECONDS);
            assertThat(frames.poll(5, TimeUnit.SECONDS)).contains("\"userId\":\"alice\"", "\"count\":7");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } else {
            assertThatThrownBy(() -> handshake.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                        @SuppressWarnings("unchecked")
                        HttpResponse<String> response = (HttpResponse<String>) refused.getResponse();
                        assertThat(response.statusCode()).isEqualTo(credential.status);
                        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"RIGHT_USER", "ADMIN", "WRONG_USER", "NONE"})
    void theTokenMayAlsoComeAsABearerHeaderOnStreamsOrAsAQueryParameterOnPolls(Credential credential) throws Exception {
        for (String transport : new String[] {"sse", "iframe", "poll", "long-poll"}) {
            boolean header = transport.equals("sse") || transport.equals("iframe");
            HttpResponse<InputStream> response = open("/push/" + transport + "/alice", credential, !header);
            try (InputStream body = response.body()) {
                assertThat(response.statusCode()).as(transport).isEqualTo(credential.status);
            }
        }
    }

    @Test
    void statsNeedAnAdminToken() throws Exception {
        assertThat(get("/push/stats", null).statusCode()).isEqualTo(401);
        HttpResponse<String> user = get("/push/stats", Credential.RIGHT_USER.token());
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).contains("\"title\":\"Not allowed\"", "alice (scope user)");
        HttpResponse<String> admin = get("/push/stats", Credential.ADMIN.token());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).startsWith("{\"total\":");
    }

    @Test
    void theDemoPageTheClientConfigAndHealthStayPublic() throws Exception {
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/push/config", null).body()).contains("\"mqttUrl\"");
        // UP only once the gateway's own MQTT connection got in with the admin token it minted
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(get("/actuator/health", Credential.ADMIN.token()).body())
                        .containsPattern("\"mqttGateway\":\\{\"details\":\\{[^}]*},\"status\":\"UP\""));
        // to anyone else, the status alone: no client id to knock the gateway off the broker with, no broker address
        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "clientId");
        assertThat(get("/actuator/health", Credential.RIGHT_USER.token()).body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "clientId");
    }

    @Test
    void metricsNeedAnAdminToken() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", Credential.RIGHT_USER.token()).statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = get("/actuator/prometheus", Credential.ADMIN.token());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("reddot_gateway_");
    }

    @Test
    void countsPublishedToTheBrokerReachTheUserOverItsToken() throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connectWithToken(broker.tcpUrl(), "ops",
                Credential.ADMIN.token())) {
            publisher.publish("/message/carol", "2", 1, true, Map.of("seq", "1", "ts", "1001"));
        }
        String carol = new dev.reddot.protocol.security.AccessTokens(Credential.SECRET)
                .mint("carol", dev.reddot.protocol.security.Scope.USER, Duration.ofMinutes(5));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(get("/push/poll/carol", carol).body()).contains("\"count\":2", "\"seq\":1"));
    }

    private void assertRefusal(HttpResponse<?> response, String body, Credential credential) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body).contains("\"status\":" + credential.status, "\"instance\":\"/push/")
                .doesNotContain("Exception");
        if (credential.status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(body).contains("\"title\":\"Missing or invalid token\"");
        } else {
            assertThat(body).contains("\"title\":\"Not allowed\"");
        }
        if (credential == Credential.EXPIRED) {
            assertThat(body).contains("expired");
        }
    }

    /** Sends the token as {@code ?access_token=} or as {@code Authorization: Bearer}; answers as soon as headers arrive. */
    private HttpResponse<InputStream> open(String path, Credential credential, boolean inQuery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                + (inQuery ? query(credential) : ""))).timeout(WAIT);
        if (!inQuery && credential.token() != null) {
            request.header("Authorization", "Bearer " + credential.token());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(Credential credential) {
        String token = credential.token();
        return token == null ? "" : "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String firstLineContaining(InputStream body, String text) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended without a line containing " + text);
    }
}
