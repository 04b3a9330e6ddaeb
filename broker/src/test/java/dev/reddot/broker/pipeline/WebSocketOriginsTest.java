package dev.reddot.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A page of another site tries to reach the broker on the visitor's machine over MQTT over WebSocket, as a browser
 * lets it: in open mode its handshake is refused with 403 before any upgrade; the demo page's own origin and native
 * clients (no {@code Origin}) get in. In token mode no origin is checked: the token is what counts.
 */
class WebSocketOriginsTest {

    private static final String SECRET = "test-secret-test-secret-test-secret!";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://evil.example:8080", "null", "http://127.0.0.1.evil.example",
            "http://localhost.evil.example:3000", "https://127.0.0.1:8080", "http://127.0.0.1:80x"})
    void refusesAHandshakeFromAnotherSiteInOpenModeWith403(String origin) throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            assertThat(handshakeStatus(broker, origin)).isEqualTo(403);
            assertThatThrownBy(() -> connect(broker.websocketUrl(), origin, null))
                    .isInstanceOf(MqttException.class);
        }
    }

    @Test
    void letsTheLocalDemoPageAndNativeClientsInAndMqttWorks() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            assertThat(handshakeStatus(broker, "http://127.0.0.1:1234")).isEqualTo(101);
            assertThat(handshakeStatus(broker, "HTTP://LOCALHOST:8080")).isEqualTo(101);
            assertThat(handshakeStatus(broker, "http://[::1]:8080")).isEqualTo(101);
            assertThat(handshakeStatus(broker, null)).isEqualTo(101);
            try (RecordingMqttClient page = connect(broker.websocketUrl(), "http://127.0.0.1:1234", null);
                 RecordingMqttClient mosquitto = connect(broker.websocketUrl(), null, null)) {
                page.subscribe("/message/alice", 1);
                mosquitto.publish("/message/alice", "3", 1, false, Map.of("seq", "1"));
                assertThat(page.next(Duration.ofSeconds(5)).payload()).isEqualTo("3");
            }
        }
    }

    @Test
    void checksNoOriginInTokenModeWhereATokenIsNeededAnyway() throws Exception {
        try (TestBroker broker = TestBroker.startWithTokens(dataDir, SECRET)) {
            assertThat(handshakeStatus(broker, "https://app.example.com")).isEqualTo(101);
            String token = new AccessTokens(SECRET).mint("alice", Scope.USER, Duration.ofMinutes(5));
            connect(broker.websocketUrl(), "https://app.example.com", token).close();
        }
    }

    /** The status of a raw WebSocket upgrade to the broker's MQTT path: 101 once upgraded. */
    private int handshakeStatus(TestBroker broker, String origin) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            WebSocket socket = builder.buildAsync(URI.create(broker.websocketUrl()), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException | CompletionException refused) {
            if (refused.getCause() instanceof WebSocketHandshakeException handshake) {
                HttpResponse<?> response = handshake.getResponse();
                return response.statusCode();
            }
            throw refused;
        }
    }

    private static RecordingMqttClient connect(String url, String origin, String token) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (origin != null) {
            options.setCustomWebSocketHeaders(Map.of("Origin", origin));
        }
        if (token != null) {
            options.setUserName("alice");
            options.setPassword(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return RecordingMqttClient.connect(url, "test-" + UUID.randomUUID(), options);
    }
}
