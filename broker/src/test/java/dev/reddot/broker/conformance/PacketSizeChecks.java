package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.MAXIMUM_PACKET_SIZE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Maximum Packet Size both ways: the client's is respected by the broker, the broker's own is announced and enforced. */
final class PacketSizeChecks {

    private static final int CLIENT_MAXIMUM = 128;
    private static final int UNANNOUNCED_PROBE_SIZE = 64 * 1024;
    private static final int PACKET_TOO_LARGE = 0x95;

    private PacketSizeChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("the broker sends no packet above the client's Maximum Packet Size (drops it, stays connected)",
                        PacketSizeChecks::clientMaximumRespected),
                new Check("a PUBLISH above the broker's announced Maximum Packet Size is refused; "
                        + "with none announced, a 64 KiB PUBLISH is accepted", PacketSizeChecks::brokerMaximumEnforced));
    }

    private static Verdict clientMaximumRespected(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/size";
        try (RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId())
                .property(MAXIMUM_PACKET_SIZE, (long) CLIENT_MAXIMUM));
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            connection.send(OutgoingPackets.subscribe(MqttVersion.V5, 1, WireProperties.none(),
                    OutgoingPackets.Subscription.of(topic, 1)));
            connection.expect(ReceivedPacket.SUBACK, Waits.DELIVERY);
            publisher.publish(topic, "x".repeat(1_000), 1, false, Map.of());
            publisher.publish(topic, "small", 1, false, Map.of());

            List<Integer> sizes = new ArrayList<>();
            Optional<ReceivedPacket> small = connection.await(packet -> {
                if (packet.type() != ReceivedPacket.PUBLISH) {
                    return false;
                }
                sizes.add(packet.size());
                connection.send(OutgoingPackets.puback(packet.publish().packetId()));
                return "small".equals(packet.publish().payloadText());
            }, Waits.DELIVERY);
            CheckFailure.unless(sizes.stream().allMatch(size -> size <= CLIENT_MAXIMUM),
                    "sent PUBLISH packets of " + sizes + " bytes to a client with Maximum Packet Size " + CLIENT_MAXIMUM);
            CheckFailure.unless(small.isPresent(), connection.isClosedByBroker()
                    ? "closed the connection instead of dropping the large message"
                    : "the small message after the large one was not delivered");
            return Verdict.pass("large message dropped, small one delivered");
        }
    }

    private static Verdict brokerMaximumEnforced(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/size";
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId()))) {
            subscriber.subscribe(Paho5Client.subscription(topic, 1));
            Optional<Long> announced = connection.connack().properties().number(MAXIMUM_PACKET_SIZE);
            int payloadSize = announced.map(Long::intValue).orElse(UNANNOUNCED_PROBE_SIZE);
            byte[] payload = new byte[payloadSize];
            Arrays.fill(payload, (byte) 'x');
            boolean written = connection.trySend(OutgoingPackets.publish(MqttVersion.V5, topic, 1, false, 1,
                    WireProperties.none(), payload));
            Optional<ReceivedPacket> answer = connection.next(Waits.DELIVERY);
            String answered = answer.map(ReceivedPacket::toString).orElse(written ? "nothing" : "write failed");
            if (announced.isPresent()) {
                boolean refused = answer.filter(packet -> packet.isClosed()
                        || packet.type() == ReceivedPacket.DISCONNECT && packet.disconnectReasonCode() == PACKET_TOO_LARGE)
                        .isPresent() || !written;
                CheckFailure.unless(refused, "a PUBLISH over the announced " + announced.get() + " bytes got " + answered);
                CheckFailure.unless(subscriber.drain(Waits.QUIET).isEmpty(), "the oversized message was delivered");
                return Verdict.pass("over " + announced.get() + " bytes: " + answered);
            }
            CheckFailure.unless(answer.filter(packet -> packet.type() == ReceivedPacket.PUBACK && packet.ack().reasonCode() < 0x80)
                    .isPresent(), "no limit announced, yet a " + payloadSize + "-byte PUBLISH got " + answered);
            subscriber.next(Waits.DELIVERY, "the " + payloadSize + "-byte message");
            return Verdict.pass("no limit announced, " + payloadSize + "-byte PUBLISH accepted and delivered");
        }
    }
}
