package dev.reddot.broker.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One client's packets, well-formed or not, must not stop the broker from serving the others. Moquette 0.18.3 runs
 * sessions on a few event loops, and an exception inside one ends that loop for every client routed to it: these checks
 * repeat what triggers it, then connect clients of fresh ids (spread over the loops) that must all get CONNACK.
 */
final class ServingChecks {

    private static final int MALFORMED_SUBSCRIBES = 10;
    private static final int QOS2_DELIVERIES = 5;
    private static final int NEW_CLIENTS = 8;

    private ServingChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("after SUBSCRIBEs to the malformed filter $share/g, new clients still connect",
                        ServingChecks::servingAfterFilterlessShare),
                new Check("a PUBCOMP sent just after DISCONNECT (Paho's close can race its PUBCOMP) is ignored; "
                        + "new clients still connect", ServingChecks::servingAfterQos2ThenDisconnect));
    }

    /** The SUBSCRIBEs go out together, each on its own connection: a broker may leave them unanswered. */
    private static Verdict servingAfterFilterlessShare(BrokerUnderTest broker) {
        List<RawMqttConnection> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < MALFORMED_SUBSCRIBES; i++) {
                RawMqttConnection subscriber = RawMqttConnection.connected(broker,
                        Connect.of(MqttVersion.V5, Names.clientId())).settled();
                subscribers.add(subscriber);
                subscriber.trySend(OutgoingPackets.subscribe(MqttVersion.V5, 1, WireProperties.none(),
                        OutgoingPackets.Subscription.of("$share/" + Names.random(), 1)));
            }
            long deadline = System.nanoTime() + Waits.DELIVERY.toNanos();
            Set<String> answers = new TreeSet<>();
            for (RawMqttConnection subscriber : subscribers) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                answers.add(subscriber.next(left).map(ReceivedPacket::toString).orElse("no answer"));
            }
            return servingNewClients(broker, MALFORMED_SUBSCRIBES + " SUBSCRIBEs, answered: " + String.join(", ", answers));
        } finally {
            subscribers.forEach(RawMqttConnection::close);
        }
    }

    private static Verdict servingAfterQos2ThenDisconnect(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/qos2";
        try (Paho5Client publisher = Paho5Client.connect(broker)) {
            publisher.publish(topic, "exactly-once", 2, true);
            for (int i = 1; i <= QOS2_DELIVERIES; i++) {
                try {
                    receiveQos2AndLeave(broker, topic);
                } catch (CheckFailure failure) {
                    return servingNewClients(broker, "delivery " + i + ": " + failure.getMessage());
                }
            }
            publisher.publish(topic, "", 1, true);
        }
        return servingNewClients(broker, QOS2_DELIVERIES + " QoS 2 deliveries, each PUBCOMP after DISCONNECT");
    }

    /**
     * A subscriber whose DISCONNECT overtakes its PUBCOMP: Paho 1.2.5 sends PUBCOMP from its callback thread while
     * {@code close()} sends DISCONNECT, in either order. A broker discards what follows DISCONNECT [MQTT-3.14.4-1].
     */
    private static void receiveQos2AndLeave(BrokerUnderTest broker, String topic) {
        try (RawMqttConnection subscriber = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId()))
                .settled()) {
            subscriber.send(OutgoingPackets.subscribe(MqttVersion.V5, 1, WireProperties.none(),
                    OutgoingPackets.Subscription.of(topic, 2)));
            ReceivedPacket.Publish delivery = subscriber.await(packet -> packet.type() == ReceivedPacket.PUBLISH, Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("the retained QoS 2 message was not delivered")).publish();
            subscriber.send(OutgoingPackets.pubrec(delivery.packetId()));
            subscriber.await(packet -> packet.type() == ReceivedPacket.PUBREL, Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("no PUBREL after PUBREC"));
            subscriber.send(OutgoingPackets.disconnect(MqttVersion.V5, 0, WireProperties.none()),
                    OutgoingPackets.pubcomp(delivery.packetId()));
        }
    }

    private static Verdict servingNewClients(BrokerUnderTest broker, String what) {
        int refused = ConnackChecks.clientsWithoutConnack(broker, NEW_CLIENTS);
        return refused == 0 ? Verdict.pass(what + "; " + NEW_CLIENTS + " new clients connected")
                : Verdict.fail(what + "; then " + refused + " of " + NEW_CLIENTS + " new clients got no CONNACK");
    }
}
