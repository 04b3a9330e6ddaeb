package dev.reddot.broker.conformance;

import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.common.MqttSubscription;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Retained messages: kept at every QoS, cleared by an empty payload, Retain Handling and Retain As Published. */
final class RetainedChecks {

    private RetainedChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("retained message published at QoS 0 is kept for later subscribers", broker -> kept(broker, 0)),
                new Check("retained message published at QoS 1 is kept for later subscribers", broker -> kept(broker, 1)),
                new Check("retained message published at QoS 2 is kept for later subscribers", broker -> kept(broker, 2)),
                new Check("an empty retained payload clears the retained message", RetainedChecks::clearedByEmptyPayload),
                new Check("Retain Handling 0 sends retained messages on every SUBSCRIBE", RetainedChecks::retainHandlingZero),
                new Check("Retain Handling 1 sends retained messages only for a new subscription",
                        RetainedChecks::retainHandlingOne),
                new Check("Retain Handling 2 sends no retained messages at SUBSCRIBE", RetainedChecks::retainHandlingTwo),
                new Check("Retain As Published 1 keeps RETAIN on a forwarded retained publish",
                        broker -> retainAsPublished(broker, true)),
                new Check("Retain As Published 0 clears RETAIN on a forwarded retained publish",
                        broker -> retainAsPublished(broker, false)));
    }

    private static Verdict kept(BrokerUnderTest broker, int qos) throws Exception {
        String topic = Names.topic() + "/retained";
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publishRetained(publisher, topic, "kept-at-" + qos, qos);
            try (Paho5Client late = Paho5Client.connect(broker)) {
                late.subscribe(Paho5Client.subscription(topic, 2));
                Paho5Client.Message message = late.next(Waits.DELIVERY, "the retained message");
                CheckFailure.unless(message.retained(), "delivered without RETAIN");
                CheckFailure.unless(message.qos() == qos, "delivered at QoS " + message.qos());
                return Verdict.pass("delivered to a later subscriber at QoS " + qos + " with RETAIN");
            } finally {
                clear(publisher, topic);
            }
        }
    }

    private static Verdict clearedByEmptyPayload(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/retained";
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publishRetained(publisher, topic, "to-clear", 1);
            try (Paho5Client before = Paho5Client.connect(broker)) {
                before.subscribe(Paho5Client.subscription(topic, 1));
                before.next(Waits.DELIVERY, "the retained message (before clearing)");
            }
            clear(publisher, topic);
            try (Paho5Client after = Paho5Client.connect(broker)) {
                after.subscribe(Paho5Client.subscription(topic, 1));
                List<Paho5Client.Message> stale = after.drain(Waits.QUIET);
                return stale.isEmpty() ? Verdict.pass("nothing retained after the empty payload")
                        : Verdict.fail("still delivered after clearing: " + stale);
            }
        }
    }

    private static Verdict retainHandlingZero(BrokerUnderTest broker) throws Exception {
        return withRetained(broker, (topic, client) -> {
            client.subscribe(withRetainHandling(topic, 0));
            client.next(Waits.DELIVERY, "the retained message at the first SUBSCRIBE");
            client.subscribe(withRetainHandling(topic, 0));
            client.next(Waits.DELIVERY, "the retained message at the repeated SUBSCRIBE");
            return Verdict.pass("sent at both SUBSCRIBEs");
        });
    }

    private static Verdict retainHandlingOne(BrokerUnderTest broker) throws Exception {
        return withRetained(broker, (topic, client) -> {
            client.subscribe(withRetainHandling(topic, 1));
            client.next(Waits.DELIVERY, "the retained message for the new subscription");
            client.subscribe(withRetainHandling(topic, 1));
            List<Paho5Client.Message> again = client.drain(Waits.QUIET);
            return again.isEmpty() ? Verdict.pass("sent for the new subscription only")
                    : Verdict.fail("sent again for an existing subscription");
        });
    }

    private static Verdict retainHandlingTwo(BrokerUnderTest broker) throws Exception {
        return withRetained(broker, (topic, client) -> {
            client.subscribe(withRetainHandling(topic, 2));
            List<Paho5Client.Message> sent = client.drain(Waits.QUIET);
            try (Paho5Client control = Paho5Client.connect(broker)) {
                control.subscribe(Paho5Client.subscription(topic, 1));
                control.next(Waits.DELIVERY, "the retained message for a control subscriber");
            }
            return sent.isEmpty() ? Verdict.pass("not sent (a control subscriber got it)")
                    : Verdict.fail("sent despite Retain Handling 2");
        });
    }

    private static Verdict retainAsPublished(BrokerUnderTest broker, boolean keep) throws Exception {
        String topic = Names.topic() + "/retained";
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            MqttSubscription subscription = Paho5Client.subscription(topic, 1);
            subscription.setRetainAsPublished(keep);
            subscriber.subscribe(subscription);
            try {
                publisher.publish(topic, "live", 1, true, Map.of());
                Paho5Client.Message message = subscriber.next(Waits.DELIVERY, "the live retained publish");
                return message.retained() == keep ? Verdict.pass("RETAIN " + (keep ? "kept" : "cleared"))
                        : Verdict.fail("RETAIN " + (message.retained() ? "kept" : "cleared"));
            } finally {
                clear(publisher, topic);
            }
        }
    }

    @FunctionalInterface
    private interface RetainedProbe {
        Verdict run(String topic, Paho5Client client) throws Exception;
    }

    /** Runs the probe with one retained message on a fresh topic and a fresh subscriber, then clears it. */
    private static Verdict withRetained(BrokerUnderTest broker, RetainedProbe probe) throws Exception {
        String topic = Names.topic() + "/retained";
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl());
             Paho5Client client = Paho5Client.connect(broker)) {
            publishRetained(publisher, topic, "retained", 1);
            try {
                return probe.run(topic, client);
            } finally {
                clear(publisher, topic);
            }
        }
    }

    private static MqttSubscription withRetainHandling(String topic, int retainHandling) {
        MqttSubscription subscription = Paho5Client.subscription(topic, 1);
        subscription.setRetainHandling(retainHandling);
        return subscription;
    }

    /**
     * A QoS 0 publish is not acknowledged: a QoS 1 publish on the same connection right after it, once acknowledged,
     * proves the broker has taken the first one in.
     */
    static void publishRetained(RecordingMqttClient publisher, String topic, String payload, int qos) throws Exception {
        publisher.publish(topic, payload, qos, true, Map.of());
        if (qos == 0) {
            publisher.publish(topic + "/fence", "fence", 1, false, Map.of());
        }
    }

    static void clear(RecordingMqttClient publisher, String topic) throws Exception {
        publisher.publish(topic, "", 1, true, Map.of());
    }
}
