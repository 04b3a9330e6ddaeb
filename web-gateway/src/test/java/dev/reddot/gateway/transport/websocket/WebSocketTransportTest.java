package dev.reddot.gateway.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.TestBroker;
import dev.reddot.gateway.hub.Hub;

/**
 * The gateway's own WebSocket, frame by frame over a bare socket: the handshake as RFC 6455 gives it, the count as a
 * text frame, a pong for a ping, a close answered with a close, and handshakes that are not refused with problem
 * details. (The JDK's WebSocket client and Chromium speak to it in the transport, security and browser tests.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSocketTransportTest {

    /** RFC 6455, section 1.3: the sample key and the accept value it must get. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    Hub hub;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        TestBroker broker = TestBroker.start(dataDir);
        registry.add("reddot.mqtt.url", broker::tcpUrl);
    }

    @Test
    void upgradesWithTheAcceptKeyAndSendsTheCountAsATextFrame() throws Exception {
        try (Socket socket = connect()) {
            String head = handshake(socket, "frames-alice", "13");

            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("\r\nUpgrade: websocket\r\n")
                    .contains("\r\nSec-WebSocket-Accept: " + ACCEPT + "\r\n");
            Frame count = Frame.read(socket.getInputStream());
            assertThat(count.opcode()).isEqualTo(Frames.TEXT);
            assertThat(count.text()).contains("\"userId\":\"frames-alice\"", "\"count\":0");
        }
    }

    @Test
    void answersAPingWithAPongOfTheSamePayload() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "frames-bob", "13");
            Frame.read(socket.getInputStream());

            send(socket, ClientFramesTest.masked(Frames.PING, "still there?".getBytes(StandardCharsets.UTF_8)));

            Frame pong = Frame.read(socket.getInputStream());
            assertThat(pong.opcode()).isEqualTo(Frames.PONG);
            assertThat(pong.text()).isEqualTo("still there?");
        }
    }

    @Test
    void answersACloseWithACloseAndLetsTheConnectionGo() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "frames-carol", "13");
            Frame.read(socket.getInputStream());
            await().atMost(WAIT).until(() -> hub.openConnections().getOrDefault("ws", 0) > 0);

            send(socket, ClientFramesTest.masked(Frames.CLOSE, new byte[] {0x03, (byte) 0xE8}));

            Frame close = Frame.read(socket.getInputStream());
            assertThat(close.opcode()).isEqualTo(Frames.CLOSE);
            assertThat(close.code()).isEqualTo(Frames.NORMAL_CLOSURE);
            assertThat(socket.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
            await().atMost(WAIT).until(() -> hub.openConnections().getOrDefault("ws", 0) == 0);
        }
    }

    @Test
    void aClientThatBreaksTheProtocolIsClosedWithProtocolError() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "frames-dave", "13");
            Frame.read(socket.getInputStream());

            send(socket, new byte[] {(byte) 0x81, 0x02, 'h', 'i'});

            Frame close = Frame.read(socket.getInputStream());
            assertThat(close.code()).isEqualTo(Frames.PROTOCOL_ERROR);
        }
    }

    @Test
    void aPlainGetIsRefusedWithProblemDetails() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/push/ws/frames-erin")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("Sec-WebSocket-Key");
    }

    @Test
    void anOtherVersionIsToldToUpgradeTo13() throws Exception {
        try (Socket socket = connect()) {
            String head = handshake(socket, "frames-frank", "8");

            assertThat(head).startsWith("HTTP/1.1 426").contains("\r\nSec-WebSocket-Version: 13\r\n")
                    .containsIgnoringCase("application/problem+json");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(Math.toIntExact(WAIT.toMillis()));
        return socket;
    }

    /** Sends the upgrade request; the response's head, up to its blank line. */
    private static String handshake(Socket socket, String user, String version) throws IOException {
        send(socket, ("GET /push/ws/" + user + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: " + version
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            assertThat(b).as("the connection ended after: %s", head).isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** A frame from the server: unmasked, payload under 64 KiB. */
    private record Frame(int opcode, byte[] payload) {

        static Frame read(InputStream in) throws IOException {
            DataInputStream data = new DataInputStream(in);
            int first = data.readUnsignedByte();
            int length = data.readUnsignedByte();
            assertThat(length & 0x80).as("a server's frames are not masked").isZero();
            if (length == 126) {
                length = data.readUnsignedShort();
            }
            byte[] payload = new byte[length];
            data.readFully(payload);
            return new Frame(first & 0x0F, payload);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int code() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }
}
