package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.RECEIVE_MAXIMUM;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Flow control: the broker keeps no more unacknowledged QoS 1/2 deliveries in flight than the client's Receive Maximum. */
final class FlowControlChecks {

    private static final int RECEIVE_MAXIMUM_OF_CLIENT = 2;
    private static final int MESSAGES = 6;

    /** After an acknowledgement, how long to look for more deliveries than the one it allowed. */
    private static final Duration BURST = Duration.ofMillis(100);

    private FlowControlChecks() {
    }

    static List<Check> all() {
        return List.of(new Check("the broker respects the client's Receive Maximum (2 unacknowledged QoS 1 at most)",
                FlowControlChecks::receiveMaximumRespected));
    }

    private static Verdict receiveMaximumRespected(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/flow";
        try (RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId())
                .property(RECEIVE_MAXIMUM, (long) RECEIVE_MAXIMUM_OF_CLIENT));
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            connection.send(OutgoingPackets.subscribe(MqttVersion.V5, 1, WireProperties.none(),
                    OutgoingPackets.Subscription.of(topic, 1)));
            connection.expect(ReceivedPacket.SUBACK, Waits.DELIVERY);
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish(topic, "m" + i, 1, false, Map.of());
            }
            Deque<ReceivedPacket.Publish> unacknowledged = new ArrayDeque<>();
            Set<String> delivered = new HashSet<>();
            // without acknowledgements, a conforming broker stops at the Receive Maximum: the quiet window shows it
            int mostInFlight = receive(connection.collect(Waits.QUIET), unacknowledged, delivered);
            while (delivered.size() < MESSAGES) {
                CheckFailure.unless(!unacknowledged.isEmpty(),
                        "stalled after " + delivered.size() + " of " + MESSAGES + " messages with nothing in flight");
                connection.send(OutgoingPackets.puback(unacknowledged.poll().packetId()));
                List<ReceivedPacket> next = new ArrayList<>();
                connection.await(packet -> packet.type() == ReceivedPacket.PUBLISH || packet.isClosed(), Waits.DELIVERY)
                        .ifPresent(next::add);
                next.addAll(connection.collect(BURST));
                mostInFlight = Math.max(mostInFlight, receive(next, unacknowledged, delivered));
            }
            CheckFailure.unless(delivered.size() == MESSAGES, "delivered " + delivered.size() + " of " + MESSAGES);
            return Verdict.pass("at most " + mostInFlight + " in flight, all " + MESSAGES + " delivered");
        }
    }

    /** Records the deliveries among the packets and returns how many are then unacknowledged, failing above the maximum. */
    private static int receive(List<ReceivedPacket> packets, Deque<ReceivedPacket.Publish> unacknowledged,
                               Set<String> delivered) {
        for (ReceivedPacket packet : packets) {
            CheckFailure.unless(!packet.isClosed(), "the broker closed the connection");
            if (packet.type() == ReceivedPacket.PUBLISH) {
                unacknowledged.add(packet.publish());
                delivered.add(packet.publish().payloadText());
            }
        }
        CheckFailure.unless(unacknowledged.size() <= RECEIVE_MAXIMUM_OF_CLIENT, unacknowledged.size()
                + " unacknowledged QoS 1 deliveries in flight for a Receive Maximum of " + RECEIVE_MAXIMUM_OF_CLIENT);
        return unacknowledged.size();
    }
}
