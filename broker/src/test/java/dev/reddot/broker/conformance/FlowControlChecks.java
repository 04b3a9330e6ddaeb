package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.RECEIVE_MAXIMUM;

import java.util.ArrayDeque;
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
            int mostInFlight = 0;
            while (delivered.size() < MESSAGES) {
                // without acknowledgements, a conforming broker stops at the Receive Maximum: the quiet window shows it
                List<ReceivedPacket> arrived = connection.collect(Waits.QUIET);
                for (ReceivedPacket packet : arrived) {
                    CheckFailure.unless(!packet.isClosed(), "the broker closed the connection");
                    if (packet.type() == ReceivedPacket.PUBLISH) {
                        unacknowledged.add(packet.publish());
                        delivered.add(packet.publish().payloadText());
                    }
                }
                mostInFlight = Math.max(mostInFlight, unacknowledged.size());
                CheckFailure.unless(mostInFlight <= RECEIVE_MAXIMUM_OF_CLIENT, mostInFlight
                        + " unacknowledged QoS 1 deliveries in flight for a Receive Maximum of " + RECEIVE_MAXIMUM_OF_CLIENT);
                CheckFailure.unless(!unacknowledged.isEmpty(),
                        "stalled after " + delivered.size() + " of " + MESSAGES + " messages with nothing in flight");
                connection.send(OutgoingPackets.puback(unacknowledged.poll().packetId()));
            }
            return Verdict.pass("at most " + mostInFlight + " in flight, all " + MESSAGES + " delivered");
        }
    }
}
