package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
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
                polls.add(RawHttp.send(port, "GET /push/long-poll/closing-poll-" + (i % 20)
                        + "?since=0&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", WAIT));
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
        try (Socket socket = RawHttp.send(port,
                "GET /push/sse/plain-reader HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", WAIT)) {
            String start = RawHttp.readUntil(socket.getInputStream(), "\r\n\r\nretry: ");

            assertThat(start).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nConnection: close\r\n")
                    .containsIgnoringCase("\r\nContent-Type: text/event-stream")
                    .doesNotContainIgnoringCase("Transfer-Encoding");
        }
    }

    private int open(String transport) {
        return hub.openConnections().getOrDefault(transport, 0);
    }

    private Socket webSocket(String user) throws IOException {
        Socket socket = RawHttp.send(port, "GET /push/ws/" + user + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n", WAIT);
        assertThat(RawHttp.readUntil(socket.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 101");
        return socket;
    }
}
