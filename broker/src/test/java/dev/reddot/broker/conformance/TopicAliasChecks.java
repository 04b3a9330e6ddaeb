package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.TOPIC_ALIAS;
import static dev.reddot.broker.conformance.WireProperties.TOPIC_ALIAS_MAXIMUM;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Topic aliases sent by a client (MQTT 5 3.3.2.3.4). */
final class TopicAliasChecks {

    private static final int TOPIC_ALIAS_INVALID = 0x94;

    private TopicAliasChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("Topic Alias from the client is honoured (set with a topic, then used alone)",
                        TopicAliasChecks::aliasHonoured),
                new Check("Topic Alias above the announced Topic Alias Maximum ends the connection (0x94)",
                        TopicAliasChecks::aliasAboveMaximumRefused));
    }

    private static Verdict aliasHonoured(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/aliased";
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId()))) {
            long maximum = connection.connack().properties().number(TOPIC_ALIAS_MAXIMUM).orElse(0L);
            if (maximum == 0) {
                return Verdict.fail("Topic Alias Maximum not announced: the broker accepts no aliases");
            }
            subscriber.subscribe(Paho5Client.subscription(topic, 1));
            WireProperties alias = WireProperties.none().with(TOPIC_ALIAS, 1L);
            connection.send(
                    OutgoingPackets.publish(MqttVersion.V5, topic, 1, false, 1, alias, bytes("with-topic")),
                    OutgoingPackets.publish(MqttVersion.V5, "", 1, false, 2, alias, bytes("alias-only")));
            for (int packetId = 1; packetId <= 2; packetId++) {
                ReceivedPacket puback = connection.next(Waits.DELIVERY)
                        .orElseThrow(() -> new CheckFailure("no PUBACK for an aliased PUBLISH"));
                CheckFailure.unless(puback.type() == ReceivedPacket.PUBACK && puback.ack().reasonCode() < 0x80,
                        "an aliased PUBLISH got " + puback);
            }
            Paho5Client.Message first = subscriber.next(Waits.DELIVERY, "the PUBLISH that set the alias");
            Paho5Client.Message second = subscriber.next(Waits.DELIVERY, "the PUBLISH that used the alias");
            CheckFailure.unless(topic.equals(second.topic()) && "alias-only".equals(second.payload()),
                    "the aliased PUBLISH arrived as " + second.topic() + " / " + second.payload());
            CheckFailure.unless(topic.equals(first.topic()), "the first PUBLISH arrived on " + first.topic());
            return Verdict.pass("Topic Alias Maximum " + maximum + ", both delivered on the real topic");
        }
    }

    private static Verdict aliasAboveMaximumRefused(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/aliased";
        try (Paho5Client subscriber = Paho5Client.connect(broker);
             RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId()))) {
            subscriber.subscribe(Paho5Client.subscription(topic, 1));
            long maximum = connection.connack().properties().number(TOPIC_ALIAS_MAXIMUM).orElse(0L);
            connection.send(OutgoingPackets.publish(MqttVersion.V5, topic, 1, false, 1,
                    WireProperties.none().with(TOPIC_ALIAS, maximum + 1), bytes("bad-alias")));
            List<ReceivedPacket> answer = connection.collect(Waits.DELIVERY);
            boolean closed = answer.stream().anyMatch(ReceivedPacket::isClosed);
            boolean reasonGiven = answer.stream().anyMatch(packet -> packet.type() == ReceivedPacket.DISCONNECT
                    && packet.disconnectReasonCode() == TOPIC_ALIAS_INVALID);
            CheckFailure.unless(closed, "alias " + (maximum + 1) + " over maximum " + maximum + " answered with " + answer);
            CheckFailure.unless(subscriber.drain(Waits.QUIET).isEmpty(), "the PUBLISH with the invalid alias was delivered");
            return Verdict.pass("alias " + (maximum + 1) + ": " + (reasonGiven ? "DISCONNECT 0x94" : "closed without a reason code"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
