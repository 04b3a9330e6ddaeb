package dev.reddot.broker.robustness;

import static dev.reddot.broker.robustness.AttackedBroker.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.robustness.AttackerConnection.Received;
import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.protocol.security.Scope;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device floods the broker with QoS 2 PUBLISH of 200 KiB and never sends PUBREL, so that the broker must keep every
 * one: with Moquette's Receive Maximum of 32,767 and packets of up to 256 KiB, one token could make it hold 8 GiB.
 * The broker ends the connection at the 21st unacknowledged PUBLISH and its memory stays flat.
 */
class ReceiveMaximumFloodTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveMaximumFloodTest.class);
    private static final int FLOOD_PACKETS = 500;
    private static final byte[] PAYLOAD = new byte[200 * 1024];
    /** What the broker may keep after the attack: a few packets and buffers, not the flood. */
    private static final long FLAT = 24L << 20;
    /** The broker has answered all it will once it has been silent this long. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** Paho's code for a publish beyond the broker's Receive Maximum, which it refuses itself. */
    private static final int TOO_MANY_PUBLISHES = 32202;

    @RegisterExtension
    final AttackedBroker broker = AttackedBroker.forEachTest();

    @TempDir
    Path dataDir;

    @Test
    void announcesTwentyToDevicesAndAThousandToServices() throws Exception {
        assertThat(announcedReceiveMaximum("sensor-1", Scope.DEVICE)).isEqualTo(20);
        assertThat(announcedReceiveMaximum("alice", Scope.USER)).isEqualTo(20);
        assertThat(announcedReceiveMaximum("publisher-service", Scope.ADMIN)).isEqualTo(1000);
    }

    /** MQTT 5 is told why (DISCONNECT 0x93); 3.1.1, without reason codes, loses the connection at the same limit. */
    @ParameterizedTest
    @EnumSource(Protocol.class)
    void endsAQos2FloodAtTheReceiveMaximumAndStaysFlat(Protocol protocol) throws Exception {
        String device = "flooder-" + protocol;
        long before = BrokerMemory.usedBytes();
        try (AttackerConnection attacker = broker.device(protocol, device, true, new byte[0])) {
            int written = flood(attacker, protocol, device);

            List<Received> answers = attacker.untilClosedOrQuiet(QUIET);
            long during = BrokerMemory.usedBytes();
            report(protocol, written, answers, before, during);
            assertThat(answers.stream().filter(packet -> packet.type() == Received.PUBREC)).hasSizeLessThanOrEqualTo(20);
            if (protocol == Protocol.V5) {
                assertThat(types(answers)).endsWith(Received.DISCONNECT, Received.CLOSED);
                assertThat(answers.get(answers.size() - 2).reasonCode()).as("Receive Maximum exceeded").isEqualTo(0x93);
            } else {
                assertThat(types(answers)).endsWith(Received.CLOSED).doesNotContain(Received.DISCONNECT);
            }
            assertThat(during - before).as("broker memory growth").isLessThan(FLAT);
        }
    }

    @Test
    void aClientThatKeepsToTheReceiveMaximumIsNeverDisconnected() throws Exception {
        // a budget far above what the client sends: at 100 a second, 2,000 publishes would test the budget instead
        AttackedBroker unbudgeted = AttackedBroker.start(dataDir.resolve("unbudgeted"),
                BrokerProperties.Limits.DEFAULTS.withPublishBudget(100_000, 100_000));
        MqttAsyncClient client = new MqttAsyncClient(unbudgeted.broker().tcpUrl(), "steady-" + UUID.randomUUID(),
                new MemoryPersistence());
        try {
            client.connect(options("sensor-2", unbudgeted.token("sensor-2", Scope.DEVICE))).waitForCompletion(10_000);
            IMqttToken last = null;
            for (int i = 0; i < 2_000; i++) {
                last = publishWhenAllowed(client, "devices/sensor-2/steady", i % 2 + 1);
            }
            last.waitForCompletion(10_000);
            assertThat(client.isConnected()).isTrue();
        } finally {
            client.disconnectForcibly(1_000);
            client.close();
            unbudgeted.close();
        }
    }

    private static IMqttToken publishWhenAllowed(MqttAsyncClient client, String topic, int qos) throws Exception {
        while (true) {
            try {
                return client.publish(topic, "1".getBytes(StandardCharsets.UTF_8), qos, false);
            } catch (MqttException full) {
                if (full.getReasonCode() != TOO_MANY_PUBLISHES) {
                    throw full;
                }
                Thread.onSpinWait();
            }
        }
    }

    private static int flood(AttackerConnection attacker, Protocol protocol, String device) {
        byte[] topic = PacketBuilder.utf8("devices/" + device + "/flood");
        int written = 0;
        while (written < FLOOD_PACKETS
                && attacker.send(PacketBuilder.publish(protocol, 2, false, topic, written + 1, PAYLOAD))) {
            written++;
        }
        return written;
    }

    private int announcedReceiveMaximum(String subject, Scope scope) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.broker().tcpUrl(), "announce-" + UUID.randomUUID(),
                new MemoryPersistence());
        try {
            IMqttToken connected = client.connect(options(subject, broker.token(subject, scope)));
            connected.waitForCompletion(10_000);
            return connected.getResponseProperties().getReceiveMaximum();
        } finally {
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }

    private static MqttConnectionOptions options(String subject, String token) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(subject);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        return options;
    }

    private static List<Integer> types(List<Received> packets) {
        return packets.stream().map(Received::type).toList();
    }

    private static void report(Protocol protocol, int written, List<Received> answers, long before, long during) {
        LOG.info("QoS 2 flood ({}, {} KiB payloads, no PUBREL): {} PUBLISH written, {} PUBREC received, connection {}; "
                        + "broker memory {} before, {} under the flood (+{})", protocol, PAYLOAD.length / 1024, written,
                answers.stream().filter(packet -> packet.type() == Received.PUBREC).count(),
                types(answers).contains(Received.CLOSED) ? "closed" : "open", BrokerMemory.mib(before),
                BrokerMemory.mib(during), BrokerMemory.mib(during - before));
    }
}
