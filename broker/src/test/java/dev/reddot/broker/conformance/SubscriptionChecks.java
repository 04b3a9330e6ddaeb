package dev.reddot.broker.conformance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.paho.mqttv5.common.MqttSubscription;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Subscription options and overlaps: Subscription Identifiers, No Local, a message matching several filters. */
final class SubscriptionChecks {

    private SubscriptionChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("Subscription Identifier is sent with the messages the subscription matches",
                        SubscriptionChecks::subscriptionIdentifier),
                new Check("No Local: a client's own publishes are not sent back to it", SubscriptionChecks::noLocal),
                new Check("overlapping subscriptions: one copy at the highest QoS, or one copy per subscription",
                        SubscriptionChecks::overlapping),
                new Check("overlapping subscriptions: every matching Subscription Identifier reaches the client",
                        SubscriptionChecks::overlappingIdentifiers));
    }

    private static Verdict subscriptionIdentifier(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/identified";
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            subscriber.subscribeWithId(42, Paho5Client.subscription(topic, 1));
            publisher.publish(topic, "identified", 1, false, Map.of());
            Paho5Client.Message message = subscriber.next(Waits.DELIVERY, "the message");
            return message.subscriptionIds().equals(List.of(42)) ? Verdict.pass("delivered with identifier 42")
                    : Verdict.fail("delivered with identifiers " + message.subscriptionIds() + " instead of [42]");
        }
    }

    private static Verdict noLocal(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/local";
        try (Paho5Client client = Paho5Client.connect(broker);
             RecordingMqttClient other = RecordingMqttClient.connect(broker.tcpUrl())) {
            MqttSubscription subscription = Paho5Client.subscription(topic, 1);
            subscription.setNoLocal(true);
            client.subscribe(subscription);
            client.publish(topic, "own", 1, false);
            other.publish(topic, "other", 1, false, Map.of());
            // the other client's message proves the subscription works; anything of its own around it is a failure
            List<Paho5Client.Message> received = client.burst("the other client's message");
            List<String> payloads = received.stream().map(Paho5Client.Message::payload).toList();
            return payloads.equals(List.of("other")) ? Verdict.pass("only the other client's message delivered")
                    : Verdict.fail("delivered " + payloads);
        }
    }

    private static Verdict overlapping(BrokerUnderTest broker) throws Exception {
        String prefix = Names.topic();
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            subscriber.subscribe(Paho5Client.subscription(prefix + "/+", 0), Paho5Client.subscription(prefix + "/#", 2));
            publisher.publish(prefix + "/overlap", "overlap", 2, false, Map.of());
            List<Paho5Client.Message> copies = subscriber.burst("the message");
            List<Integer> qos = copies.stream().map(Paho5Client.Message::qos).sorted().toList();
            boolean single = qos.equals(List.of(2));
            boolean perSubscription = qos.equals(List.of(0, 2));
            return single || perSubscription
                    ? Verdict.pass(single ? "one copy at QoS 2" : "one copy per subscription (QoS 0 and 2)")
                    : Verdict.fail("copies at QoS " + qos + " for subscriptions at QoS 0 and 2");
        }
    }

    private static Verdict overlappingIdentifiers(BrokerUnderTest broker) throws Exception {
        String prefix = Names.topic();
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            subscriber.subscribeWithId(1, Paho5Client.subscription(prefix + "/+", 1));
            subscriber.subscribeWithId(2, Paho5Client.subscription(prefix + "/#", 1));
            publisher.publish(prefix + "/overlap", "overlap", 1, false, Map.of());
            List<Paho5Client.Message> copies = subscriber.burst("the message");
            Set<Integer> identifiers = new TreeSet<>();
            copies.forEach(copy -> identifiers.addAll(copy.subscriptionIds()));
            return identifiers.equals(Set.of(1, 2))
                    ? Verdict.pass("identifiers 1 and 2 in " + copies.size() + " cop" + (copies.size() == 1 ? "y" : "ies"))
                    : Verdict.fail("identifiers " + identifiers + " in " + copies.size() + " copies");
        }
    }
}
