package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * Clients that close their connections (a FIN, no goodbye) are released within a second, long before the next
 * heartbeat (15 s, the default) would have failed to write, or a waiting long poll's timeout passed: {@code /push/stats} and the gateway's memory follow the
 * clients that are really there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "reddot.gateway.max-connections-per-user=1000")
class ClosedConnectionReleaseTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration RELEASED_WITHIN = Duration.ofSeconds(1);
    private static final int STREAMS = 200;

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
    void sseAndIframeStreamsAreReleasedWithinASecondOfTheClientClosingThem() throws Exception {
        List<SseStream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            String path = (i % 2 == 0 ? "/push/sse/" : "/push/iframe/") + "closing-" + (i % 20);
            streams.add(SseStream.open(port, path));
        }
        for (SseStream stream : streams) {
            assertThat(stream.nextLine(WAIT)).startsWith("HTTP/1.1 200");
        }
        await().atMost(WAIT).until(() -> open(Transports.SSE) + open(Transports.IFRAME) == STREAMS);

        for (SseStream stream : streams) {
            stream.close();
        }

        await().atMost(RELEASED_WITHIN).until(() -> open(Transports.SSE) + open(Transports.IFRAME) == 0);
    }

    @Test
    void webSocketsAreReleasedWithinASecondOfTheClientClosingThemWithoutACloseFrame() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS / 2; i++) {
                sockets.add(webSocket("closing-ws-" + (i % 20)));
            }
            await().atMost(WAIT).until(() -> open(Transports.WEBSOCKET) == STREAMS / 2);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }

        await().atMost(RELEASED_WITHIN).until(() -> open(Transports.WEBSOCKET) == 0);
    }

    @Test
    void waitingLongPollsAreReleasedWithinASecondOfTheClientClosingThem() throws Exception {
        List<Socket> polls = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS / 2; i++) {
                Socket poll = new Socket(InetAddress.getLoopbackAddress(), port);
                send(poll, "GET /push/long-poll/closing-poll-" + (i % 20) + "?since=0&timeout=60 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n\r\n");
                polls.add(poll);
            }
            await().atMost(WAIT).until(() -> open(Transports.LONG_POLL) == STREAMS / 2);
        } finally {
            for (Socket poll : polls) {
                poll.close();
            }
        }

        await().atMost(RELEASED_WITHIN).until(() -> open(Transports.LONG_POLL) == 0);
    }

        /** A browser's EventSource speaks HTTP/1.1: the stream carries the events as they are, with no chunk framing. */
    @Test
    void anHttp11StreamIsNotChunkedAndEndsWithItsConnection() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            send(socket, "GET /push/sse/plain-reader HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
            String start = readUntil(socket.getInputStream(), "\r\n\r\nretry: ");

            assertThat(start).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nConnection: close\r\n")
                    .containsIgnoringCase("\r\nContent-Type: text/event-stream")
                    .doesNotContainIgnoringCase("Transfer-Encoding");
        }
    }

    private int open(String transport) {
        return hub.openConnections().getOrDefault(transport, 0);
    }

    private Socket webSocket(String user) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        send(socket, "GET /push/ws/" + user + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertThat(readUntil(socket.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 101");
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.setSoTimeout(Math.toIntExact(WAIT.toMillis()));
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads byte by byte up to and including {@code end}; each read waits at most {@link #WAIT}. */
    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(end) < 0) {
            int b = in.read();
            assertThat(b).as("the connection ended after: %s", read).isNotNegative();
            read.append((char) b);
        }
        return read.toString();
    }
}
