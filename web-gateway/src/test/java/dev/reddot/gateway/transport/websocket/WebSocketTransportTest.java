package dev.reddot.gateway.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.reddot.gateway.transport.GatewayOnBroker;
import dev.reddot.gateway.transport.TextFrames;

/**
 * The gateway's own WebSocket: the JDK's WebSocket client gets the count on connect and on every change, and frame by
 * frame over a bare socket, the handshake as RFC 6455 gives it, a pong for a ping, a close answered with a close, and
 * handshakes that are refused with problem details, not upgraded.
 */
class WebSocketTransportTest extends GatewayOnBroker {

    /** RFC 6455, section 1.3: the sample key and the accept value it must get. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

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
            await().atMost(WAIT).until(() -> open().get("ws") > 0);

            send(socket, ClientFramesTest.masked(Frames.CLOSE, new byte[] {0x03, (byte) 0xE8}));

            Frame close = Frame.read(socket.getInputStream());
            assertThat(close.opcode()).isEqualTo(Frames.CLOSE);
            assertThat(close.code()).isEqualTo(Frames.NORMAL_CLOSURE);
            assertThat(socket.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
            await().atMost(WAIT).until(() -> open().get("ws") == 0);
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
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
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

    @Test
    void webSocketSendsTheCountOnConnectAndOnEveryChange() throws Exception {
        String user = newUser();
        publishCount(user, 2, 1);
        awaitCount(user, 1);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();

        WebSocket socket = TextFrames.open(http, port, user, frames);
        try {
            assertThat(frames.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("{\"userId\":\"" + user + "\",\"count\":2,\"seq\":1,\"ts\":1001}");
            assertThat(open()).containsEntry("ws", 1);

            publishCount(user, 3, 2);

            assertThat(frames.poll(5, TimeUnit.SECONDS)).contains("\"count\":3", "\"seq\":2");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(open()).containsEntry("ws", 0));
    }

    @Test
    void webSocketRefusesABadUserIdBeforeUpgrading() throws Exception {
        CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/a+b"), new WebSocket.Listener() { });

        assertThatThrownBy(() -> handshake.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(400);
                    assertThat(refused.getResponse().headers().firstValue("Content-Type"))
                            .hasValue("application/problem+json");
                });
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

        /** The next frame that is not a heartbeat (an empty ping), within {@link #WAIT}. */
        static Frame read(InputStream in) throws IOException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            Frame frame = readAny(in);
            while (frame.opcode() == Frames.PING && frame.payload().length == 0) {
                assertThat(System.nanoTime()).as("a frame other than a heartbeat within %s", WAIT).isLessThan(deadline);
                frame = readAny(in);
            }
            return frame;
        }

        private static Frame readAny(InputStream in) throws IOException {
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
