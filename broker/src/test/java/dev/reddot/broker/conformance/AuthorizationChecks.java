package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Refusals by the broker's access rules, with their reason codes. They need a broker configured to refuse something
 * ({@link BrokerUnderTest#accessRules()}); on an open broker they do not apply.
 */
final class AuthorizationChecks {

    private static final int NOT_AUTHORIZED = 0x87;
    private static final int MQTT_3_FAILURE = 0x80;

    private AuthorizationChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("a refused SUBSCRIBE gets SUBACK 0x87 Not authorized (MQTT 5)",
                        broker -> refusedSubscribe(broker, MqttVersion.V5, NOT_AUTHORIZED)),
                new Check("a refused SUBSCRIBE gets SUBACK 0x80 Failure (MQTT 3.1.1)",
                        broker -> refusedSubscribe(broker, MqttVersion.V3_1_1, MQTT_3_FAILURE)),
                new Check("a refused QoS 1 PUBLISH gets PUBACK 0x87 Not authorized",
                        broker -> refusedPublish(broker, 1, ReceivedPacket.PUBACK)),
                new Check("a refused QoS 2 PUBLISH gets PUBREC 0x87 Not authorized",
                        broker -> refusedPublish(broker, 2, ReceivedPacket.PUBREC)));
    }

    private static Verdict refusedSubscribe(BrokerUnderTest broker, MqttVersion version, int expected) {
        Optional<AccessRules> rules = broker.accessRules();
        if (rules.isEmpty()) {
            return notConfigured();
        }
        try (RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(version, Names.clientId()))) {
            connection.send(OutgoingPackets.subscribe(version, 1, WireProperties.none(),
                    OutgoingPackets.Subscription.of(rules.get().forbiddenTopic(), 1)));
            ReceivedPacket answer = connection.next(Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("no SUBACK within " + Waits.DELIVERY.toMillis() + " ms"));
            CheckFailure.unless(answer.type() == ReceivedPacket.SUBACK, "instead of a SUBACK: " + answer);
            int code = answer.subackReasonCodes().get(0);
            return code == expected ? Verdict.pass("SUBACK " + ReceivedPacket.hex(code))
                    : Verdict.fail("SUBACK " + ReceivedPacket.hex(code) + " instead of " + ReceivedPacket.hex(expected));
        }
    }

    private static Verdict refusedPublish(BrokerUnderTest broker, int qos, int ackType) {
        Optional<AccessRules> rules = broker.accessRules();
        if (rules.isEmpty()) {
            return notConfigured();
        }
        try (RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId()))) {
            connection.send(OutgoingPackets.publish(MqttVersion.V5, rules.get().forbiddenTopic(), qos, false, 1,
                    WireProperties.none(), "forbidden".getBytes(StandardCharsets.UTF_8)));
            ReceivedPacket answer = connection.next(Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("no answer within " + Waits.DELIVERY.toMillis()
                            + " ms: the client waits forever"));
            CheckFailure.unless(answer.type() == ackType, "answered " + answer);
            int code = answer.ack().reasonCode();
            return code == NOT_AUTHORIZED ? Verdict.pass(answer.toString())
                    : Verdict.fail(answer + " instead of " + ReceivedPacket.hex(NOT_AUTHORIZED));
        }
    }

    private static Verdict notConfigured() {
        return Verdict.notApplicable("no access rules configured for this broker");
    }
}
