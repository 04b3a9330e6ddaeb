package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: many clients disconnecting at once are cleaned up promptly, and the broker keeps answering everyone else.
 * Each storm client (half MQTT 5, half 3.1.1) subscribes at QoS 1 to its own retained count and never acknowledges
 * it, so every one leaves with a message in flight; then all connections are reset at the same moment. 8,000 is what
 * one test JVM can hold: each connection costs a file descriptor on both ends and a process has 20,000.
 */
class DisconnectStormTest {

    private static final int CLIENTS = 8_000;

    @TempDir
    Path dataDir;

    @Test
    void cleansUpThousandsOfVanishedClientsWhileAnsweringOthers() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             BrokerLogCapture log = BrokerLogCapture.attach("io.moquette", "dev.reddot", "io.netty")) {
            try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                for (int i = 0; i < CLIENTS; i++) {
                    publisher.publish(topic(i), "{\"unread\":1}", 1, true, Map.of());
                }
            }
            List<Socket> storm = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    storm.add(connectAndSubscribe(broker.port(), i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> everyOneGotItsCount(storm));
            } finally {
                for (Socket socket : storm) {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
            }

            try (RecordingMqttClient subscriber = RecordingMqttClient.connect(broker.tcpUrl()).subscribe("/message/+", 1);
                 RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
                subscriber.drain(Duration.ofMillis(200));
                for (int i = 0; i < 100; i++) {
                    publisher.publish(topic(i), "{\"unread\":2}", 1, true, Map.of());
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.drain(Duration.ofMillis(100)).stream()
                        .anyMatch(message -> message.topic().equals(topic(99)) && message.payload().contains("2")));
            }
            try (Socket back = connectAndSubscribe(broker.port(), 0)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> back.getInputStream().available() > 0);
            }
            assertThat(log.groups()).as("broker log lines at WARN or above").isEmpty();
        }
    }

    private static String topic(int client) {
        return "/message/storm-" + client;
    }

    private static Socket connectAndSubscribe(int port, int client) throws IOException {
        Protocol protocol = client % 2 == 0 ? Protocol.V5 : Protocol.V311;
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(PacketBuilder.concat(
                PacketBuilder.connect(protocol, PacketBuilder.utf8("storm-" + client), true),
                PacketBuilder.subscribe(protocol, 1, PacketBuilder.utf8(topic(client)), 1)));
        return socket;
    }

    /** CONNACK, SUBACK and the retained PUBLISH: well over 10 bytes waiting on every socket. */
    private static boolean everyOneGotItsCount(List<Socket> storm) throws IOException {
        for (Socket socket : storm) {
            if (socket.getInputStream().available() < 20) {
                return false;
            }
        }
        return true;
    }
}
