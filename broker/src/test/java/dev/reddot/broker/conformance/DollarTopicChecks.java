package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Topics starting with {@code $}: reserved for the server, never matched by a leading wildcard (MQTT 5 4.7.2). */
final class DollarTopicChecks {

    private static final Duration SYS_INTERVAL = Duration.ofMillis(1_500);

    private DollarTopicChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("QoS 1 PUBLISH to a $ topic is answered (MQTT 5: PUBACK with any reason, or DISCONNECT)",
                        broker -> dollarPublishAnswered(broker, MqttVersion.V5)),
                new Check("QoS 1 PUBLISH to a $ topic is acknowledged (MQTT 3.1.1: PUBACK, the connection kept)",
                        DollarTopicChecks::dollarPublishAcknowledged),
                new Check("# and +/… do not match topics starting with $ ($SYS included)",
                        DollarTopicChecks::wildcardsSkipDollarTopics));
    }

    private static Verdict dollarPublishAnswered(BrokerUnderTest broker, MqttVersion version) {
        String topic = "$" + Names.topic();
        try (RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(version, Names.clientId()))) {
            connection.send(OutgoingPackets.publish(version, topic, 1, false, 1, WireProperties.none(),
                    "dollar".getBytes(StandardCharsets.UTF_8)));
            Optional<ReceivedPacket> answer = connection.next(Waits.DELIVERY);
            return answer.filter(packet -> packet.type() == ReceivedPacket.PUBACK || packet.type() == ReceivedPacket.DISCONNECT
                            || packet.isClosed())
                    .map(packet -> Verdict.pass(packet.toString()))
                    .orElseGet(() -> Verdict.fail(answer.map(packet -> "answered " + packet)
                            .orElse("no answer within " + Waits.DELIVERY.toMillis() + " ms: the client waits forever")));
        }
    }

    /**
     * MQTT 3.1.1 has no reason codes: a closed connection is allowed [MQTT-3.3.5-2], but a client with a session then
     * resends the PUBLISH on every reconnect. Mosquitto acknowledges it and drops it.
     */
    private static Verdict dollarPublishAcknowledged(BrokerUnderTest broker) {
        String topic = "$" + Names.topic();
        try (RawMqttConnection connection = RawMqttConnection.connected(broker,
                Connect.of(MqttVersion.V3_1_1, Names.clientId()))) {
            connection.send(OutgoingPackets.publish(MqttVersion.V3_1_1, topic, 1, false, 1, WireProperties.none(),
                    "dollar".getBytes(StandardCharsets.UTF_8)));
            Optional<ReceivedPacket> answer = connection.next(Waits.DELIVERY);
            return answer.filter(packet -> packet.type() == ReceivedPacket.PUBACK)
                    .map(packet -> Verdict.pass(packet.toString()))
                    .orElseGet(() -> Verdict.fail(answer.map(packet -> "answered " + packet)
                            .orElse("no answer within " + Waits.DELIVERY.toMillis() + " ms: the client waits forever")));
        }
    }

    private static Verdict wildcardsSkipDollarTopics(BrokerUnderTest broker) throws Exception {
        String dollarTopic = "$" + Names.topic() + "/x";
        try (Paho5Client wildcards = Paho5Client.connect(broker);
             Paho5Client sys = Paho5Client.connect(broker);
             Paho5Client exact = Paho5Client.connect(broker)) {
            wildcards.subscribe(Paho5Client.subscription("#", 0), Paho5Client.subscription("+/#", 0));
            exact.subscribe(Paho5Client.subscription(dollarTopic, 0));
            sys.subscribe(Paho5Client.subscription("$SYS/#", 0));
            // QoS 0: some brokers never acknowledge a publish to a $ topic (see dollarPublishAnswered)
            exact.publish(dollarTopic, "dollar", 0, false);
            boolean routed = !exact.drain(Waits.QUIET).isEmpty();
            // a broker with $SYS publishes it on a timer (Mosquitto here: every second); the wildcards listen meanwhile
            boolean sysPublished = !sys.drain(SYS_INTERVAL).isEmpty();
            List<String> leaked = wildcards.drain(Duration.ZERO).stream()
                    .map(Paho5Client.Message::topic).filter(topic -> topic.startsWith("$")).distinct().toList();
            if (!leaked.isEmpty()) {
                return Verdict.fail("matched by a wildcard: " + leaked);
            }
            return Verdict.pass("no $ topic matched; witnesses: " + (routed ? "a $-topic publish routed" : "no $-topic routing")
                    + ", " + (sysPublished ? "$SYS published" : "no $SYS"));
        }
    }
}
