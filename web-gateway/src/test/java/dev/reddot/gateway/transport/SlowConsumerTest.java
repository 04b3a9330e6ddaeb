package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.reddot.broker.testing.TestBroker;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.protocol.CountEvent;

/**
 * An SSE or WebSocket client that stops reading while its count changes as fast as the gateway can write: once the socket's
 * buffers are full, the blocked write fails after the slow-consumer timeout and the gateway lets the client go.
 * The writer holds only the newest count meanwhile, so the heap does not grow with the changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"reddot.gateway.slow-consumer-timeout=2s", "reddot.gateway.heartbeat=20ms"})
class SlowConsumerTest {

    /** The longest id there is, so each event is as large as a count event gets. */
    private static final String USER = "slow-" + "x".repeat(59);
    private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(60);
    private static final long MIB = 1024 * 1024;

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

    @ParameterizedTest
    @ValueSource(strings = {Transports.SSE, Transports.WEBSOCKET})
    void cutsOffAClientThatStopsReadingWhileTheHeapStaysFlat(String transport) throws Exception {
        long heapBefore = usedHeapAfterGc();
        try (Socket socket = new Socket()) {
            // a small receive window: the client's side fills after a few kilobytes
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            OutputStream out = socket.getOutputStream();
            out.write(request(transport).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            while (open(transport) == 0) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                Thread.sleep(10);
            }
            // the client never reads again: count changes as fast as the hub takes them
            long seq = 0;
            long heapPeak = 0;
            started = System.nanoTime();
            while (open(transport) > 0) {
                for (int i = 0; i < 1_000; i++) {
                    seq++;
                    hub.publish(new CountEvent(USER, seq, seq, seq));
                }
                if (seq % 100_000 == 0) {
                    heapPeak = Math.max(heapPeak, usedHeap());
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("the gateway still holds the slow client after %d changes", seq)
                        .isLessThan(CUT_OFF_WITHIN);
            }
            Duration cutOffAfter = Duration.ofNanos(System.nanoTime() - started);
            long heapAfter = usedHeapAfterGc();
            System.out.printf("slow %s consumer: cut off after %d ms and %,d count changes; used heap after GC"
                            + " %d MiB before, %d MiB after (peak seen without GC %d MiB)%n",
                    transport, cutOffAfter.toMillis(), seq, heapBefore / MIB, heapAfter / MIB, heapPeak / MIB);
            assertThat(seq).isGreaterThanOrEqualTo(10_000);
            assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(16 * MIB);
            assertThat(endsWithin(socket.getInputStream(), Duration.ofSeconds(10)))
                    .as("the gateway closed the socket").isTrue();
        }
    }

    private int open(String transport) {
        return hub.openConnections().getOrDefault(transport, 0);
    }

    /** The request a browser sends: an EventSource, or a WebSocket upgrade. */
    private static String request(String transport) {
        if (transport.equals(Transports.SSE)) {
            return "GET /push/sse/" + USER + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        }
        return "GET /push/ws/" + USER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Reads what the gateway managed to send until it ends the stream. */
    private static boolean endsWithin(InputStream in, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketException reset) {
            return true;
        }
        return false;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return usedHeap();
    }

    private static long usedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
