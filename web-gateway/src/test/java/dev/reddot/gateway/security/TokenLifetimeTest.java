package dev.reddot.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * A token's lifetime over HTTP, against the real gateway and broker in token mode: a token is refused before its
 * {@code nbf}, as the broker refuses it over MQTT; a stream, a WebSocket or a waiting long poll opened with a token
 * ends within a second of the token's {@code exp} (user and admin tokens alike), with a reason the client understands;
 * the expired token then gets 401, a fresh one gets in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.security.mode=token", "reddot.security.jwt-secret=" + Credential.SECRET})
class TokenLifetimeTest {

    private static final Duration LIFETIME = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AccessTokens TOKENS = new AccessTokens(Credential.SECRET);

    @TempDir
    static Path dataDir;

    static TestBroker broker;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        broker = TestBroker.startWithTokens(dataDir, Credential.SECRET);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** What the client saw of a connection: how it ended and when. */
    private record Ended(int status, List<String> lines, Instant at) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "iframe", "long-poll", "poll", "ws"})
    void refusesATokenBeforeItsNotBeforeTimeAsTheBrokerDoes(String transport) throws Exception {
        Instant now = Instant.now();
        String notYet = TOKENS.mint("alice", Scope.USER, now.plusSeconds(600), now.plusSeconds(3600));

        if (transport.equals("ws")) {
            assertThatThrownBy(() -> webSocket("alice", notYet).get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        } else {
            HttpResponse<String> refused = get("/push/" + transport + "/alice", notYet);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"title\":\"Missing or invalid token\"").doesNotContain("Exception");
        }
        String due = TOKENS.mint("alice", Scope.USER, now.minusSeconds(1), now.plusSeconds(3600));
        assertThat(get("/push/poll/alice", due).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "iframe", "long-poll"})
    void anHttpConnectionEndsWhenItsTokenExpiresAndTheExpiredTokenGetsNoNewOne(String transport) throws Exception {
        String user = "erin-" + transport;
        String userToken = TOKENS.mint(user, Scope.USER, LIFETIME);
        String adminToken = TOKENS.mint("ops-" + transport, Scope.ADMIN, LIFETIME);
        CompletableFuture<Ended> byUser = openHttp(transport, user, userToken);
        CompletableFuture<Ended> byAdmin = openHttp(transport, user, adminToken);
        await().atMost(WAIT).untilAsserted(() -> assertThat(openConnections()).contains("\"" + transport + "\":2"));

        for (var connection : List.of(byUser, byAdmin)) {
            Ended ended = connection.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(ended.at()).isBetween(expiryOf(userToken), expiryOf(userToken).plus(GRACE));
            switch (transport) {
                case "sse" -> assertThat(ended.lines()).containsSubsequence("event: expired", "data: token expired");
                case "iframe" -> assertThat(ended.lines()).last().asString()
                        .isEqualTo("<script>parent.reddotExpired(\"token expired\");</script>");
                default -> assertThat(ended.status()).isEqualTo(304);
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(openConnections()).contains("\"" + transport + "\":0"));

        assertThat(get("/push/" + transport + "/" + user, userToken).statusCode()).isEqualTo(401);
        assertThat(get("/push/" + transport + "/" + user, adminToken).statusCode()).isEqualTo(401);
        Ended again = openHttp(transport, user, TOKENS.mint(user, Scope.USER, Duration.ofSeconds(1)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(again.status()).isIn(200, 304);
    }

    @Test
    void aWebSocketIsClosedWithPolicyViolationWhenItsTokenExpires() throws Exception {
        String user = "erin-ws";
        String userToken = TOKENS.mint(user, Scope.USER, LIFETIME);
        String adminToken = TOKENS.mint("ops-ws", Scope.ADMIN, LIFETIME);
        CompletableFuture<Ended> byUser = new CompletableFuture<>();
        CompletableFuture<Ended> byAdmin = new CompletableFuture<>();
        webSocket(user, userToken, byUser).get(5, TimeUnit.SECONDS);
        webSocket(user, adminToken, byAdmin).get(5, TimeUnit.SECONDS);
        assertThat(openConnections()).contains("\"ws\":2");

        for (var connection : List.of(byUser, byAdmin)) {
            Ended closed = connection.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(closed.at()).isBetween(expiryOf(userToken), expiryOf(userToken).plus(GRACE));
            assertThat(closed.status()).isEqualTo(1008);
            assertThat(closed.lines()).containsExactly("token expired");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(openConnections()).contains("\"ws\":0"));

        assertThatThrownBy(() -> webSocket(user, userToken).get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        CompletableFuture<Ended> fresh = new CompletableFuture<>();
        WebSocket socket = webSocket(user, TOKENS.mint(user, Scope.USER, Duration.ofSeconds(30)), fresh)
                .get(5, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    /** Opens the connection; a stream's head has arrived when this returns, a long poll may still be on its way. */
    private CompletableFuture<Ended> openHttp(String transport, String user, String token) throws Exception {
        if (transport.equals("long-poll")) {
            return http.sendAsync(request(path(transport, user), token), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Ended(response.statusCode(), List.of(), Instant.now()));
        }
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request(path(transport, user), token),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return CompletableFuture.supplyAsync(() -> new Ended(200, response.body().toList(), Instant.now()));
    }

    private static String path(String transport, String user) {
        // a long poll that would wait well past the token's life: nothing changes for this user meanwhile
        return "/push/" + transport + "/" + user + (transport.equals("long-poll") ? "?since=0&timeout=30" : "");
    }

    private CompletableFuture<WebSocket> webSocket(String user, String token) {
        return webSocket(user, token, new CompletableFuture<>());
    }

    private CompletableFuture<WebSocket> webSocket(String user, String token, CompletableFuture<Ended> closed) {
        return http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/push/ws/" + user + "?access_token=" + token),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                        closed.complete(new Ended(code, List.of(reason), Instant.now()));
                        return null;
                    }
                });
    }

    private String openConnections() throws Exception {
        return get("/push/stats", TOKENS.mint("ops", Scope.ADMIN, Duration.ofMinutes(1))).body();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, token), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .timeout(WAIT)
                .build();
    }

    private static Instant expiryOf(String token) {
        return AccessTokens.readVerified(token).orElseThrow().expiresAt();
    }
}
