package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Packets a client sends right after CONNECT, in the same write, before CONNACK arrives (MQTT 5 3.1.4). */
final class PipeliningChecks {

    private PipeliningChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("SUBSCRIBE sent right after CONNECT, before CONNACK, is honoured (MQTT 5)",
                        broker -> subscribeBeforeConnack(broker, MqttVersion.V5)),
                new Check("SUBSCRIBE sent right after CONNECT, before CONNACK, is honoured (MQTT 3.1.1)",
                        broker -> subscribeBeforeConnack(broker, MqttVersion.V3_1_1)),
                new Check("QoS 1 PUBLISH sent right after CONNECT, before CONNACK, is acknowledged and delivered",
                        PipeliningChecks::publishBeforeConnack));
    }

    private static Verdict subscribeBeforeConnack(BrokerUnderTest broker, MqttVersion version) throws Exception {
        String topic = Names.topic() + "/pipelined";
        try (RawMqttConnection connection = RawMqttConnection.open(broker, version);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            connection.send(Connect.of(version, Names.clientId()).encode(),
                    OutgoingPackets.subscribe(version, 1, WireProperties.none(), OutgoingPackets.Subscription.of(topic, 1)));
            int connackCode = connection.expect(ReceivedPacket.CONNACK, Waits.DELIVERY).connack().reasonCode();
            CheckFailure.unless(connackCode == 0, "CONNACK " + ReceivedPacket.hex(connackCode));
            ReceivedPacket suback = connection.next(Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("no SUBACK for the pipelined SUBSCRIBE"));
            CheckFailure.unless(suback.type() == ReceivedPacket.SUBACK, "instead of a SUBACK: " + suback);
            CheckFailure.unless(suback.subackReasonCodes().equals(List.of(1)), "refused: " + suback);

            publisher.publish(topic, "after-pipelined-subscribe", 1, false, Map.of());
            ReceivedPacket.Publish delivered = connection.await(packet -> packet.type() == ReceivedPacket.PUBLISH, Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("SUBACK granted, but a message to the topic was not delivered"))
                    .publish();
            connection.send(OutgoingPackets.puback(delivered.packetId()));
            return Verdict.pass("SUBACK 0x01, then delivered");
        }
    }

    private static Verdict publishBeforeConnack(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/pipelined";
        try (RecordingMqttClient subscriber = RecordingMqttClient.connect(broker.tcpUrl()).subscribe(topic, 1);
             RawMqttConnection connection = RawMqttConnection.open(broker, MqttVersion.V5)) {
            connection.send(Connect.of(MqttVersion.V5, Names.clientId()).encode(),
                    OutgoingPackets.publish(MqttVersion.V5, topic, 1, false, 7, WireProperties.none(),
                            "pipelined".getBytes(StandardCharsets.UTF_8)));
            connection.expect(ReceivedPacket.CONNACK, Waits.DELIVERY);
            ReceivedPacket puback = connection.next(Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("no PUBACK for the pipelined PUBLISH"));
            CheckFailure.unless(puback.type() == ReceivedPacket.PUBACK && puback.ack().packetId() == 7
                    && puback.ack().reasonCode() < 0x80, "instead of PUBACK 7: " + puback);
            CheckFailure.unless("pipelined".equals(subscriber.next(Waits.DELIVERY).payload()), "another payload delivered");
            return Verdict.pass("PUBACK, then delivered");
        }
    }
}
