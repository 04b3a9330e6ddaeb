package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5: each malformed MQTT input the issue names closes that connection, while a client connected throughout
 * keeps getting its messages and a new client still connects.
 */
class MalformedPacketsTest {

    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    @TempDir
    static Path dataDir;

    static TestBroker broker;
    static RecordingMqttClient steady;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir);
        steady = RecordingMqttClient.connect(broker.tcpUrl()).subscribe("steady/#", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        steady.close();
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"random bytes", "bad protocol level", "remaining length 2^28", "truncated packet",
            "10 MB publish"})
    void closesTheConnectionAndKeepsServingOthers(String input) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(5_000);
            send(socket, input);
            assertThat(closedByBroker(socket.getInputStream())).as("connection closed after %s", input).isTrue();
        }

        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publisher.publish("steady/" + input.replace(' ', '-'), "still here", 1, false, Map.of());
        }
        assertThat(steady.next(Duration.ofSeconds(5)).payload()).isEqualTo("still here");
    }

    private static void send(Socket socket, String input) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] connect = PacketBuilder.connect(Protocol.V5, PacketBuilder.utf8("malformed"), true);
        switch (input) {
            case "random bytes" -> {
                byte[] noise = new byte[4096];
                new Random(42).nextBytes(noise);
                noise[0] = (byte) 0xF7;
                out.write(noise);
            }
            case "bad protocol level" -> out.write(PacketBuilder.connect(PacketBuilder.utf8("MQTT"), 9, 0x02, false,
                    PacketBuilder.utf8("malformed")));
            // 2^28 is one more than the largest remaining length a variable byte integer can carry
            case "remaining length 2^28" -> out.write(PacketBuilder.concat(connect,
                    new byte[] {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}));
            case "truncated packet" -> {
                byte[] publish = PacketBuilder.publish(Protocol.V5, 1, false, PacketBuilder.utf8("steady/x"), 1,
                        new byte[100]);
                out.write(connect);
                out.write(publish, 0, publish.length - 50);
                out.flush();
                socket.shutdownOutput();
            }
            case "10 MB publish" -> {
                out.write(PacketBuilder.concat(connect, PacketBuilder.header(0x30, PacketBuilder.varint(TEN_MEGABYTES))));
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int written = 0; written < TEN_MEGABYTES; written += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException closedWhileWriting) {
                    // the broker stopped reading and closed: what this test expects
                }
            }
            default -> throw new IllegalArgumentException(input);
        }
        out.flush();
    }

    /** Reads whatever the broker answers (a CONNACK, a DISCONNECT) until it closes the connection. */
    private static boolean closedByBroker(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
