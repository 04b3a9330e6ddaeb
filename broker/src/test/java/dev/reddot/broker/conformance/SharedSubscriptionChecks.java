package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.SHARED_SUBSCRIPTION_AVAILABLE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Shared subscriptions ({@code $share/{group}/{filter}}): one member per message, malformed filters refused. */
final class SharedSubscriptionChecks {

    private static final int MESSAGES = 10;

    private SharedSubscriptionChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("shared subscription delivers each message to exactly one member of the group",
                        SharedSubscriptionChecks::oneMemberPerMessage),
                malformed("$share//t", "empty ShareName", "$share//{topic}"),
                malformed("$share/g+/t", "'+' in ShareName", "$share/g+/{topic}"),
                malformed("$share/g#/t", "'#' in ShareName", "$share/g#/{topic}"),
                malformed("$share/+/t", "ShareName '+'", "$share/+/{topic}"),
                malformed("$share/g", "no topic filter", "$share/{random}"),
                new Check("No Local on a shared subscription is refused (protocol error)",
                        SharedSubscriptionChecks::noLocalRefused));
    }

    /** A row for one malformed filter; {topic} becomes a fresh topic. */
    private static Check malformed(String shown, String why, String filter) {
        return new Check("malformed $share filter refused: " + shown + " (" + why + ")",
                broker -> refusedFilter(broker, filter.replace("{topic}", Names.topic()).replace("{random}", Names.random()),
                        "[MQTT-4.8.2-2]"));
    }

    private static Verdict oneMemberPerMessage(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/shared";
        String filter = "$share/" + Names.random() + "/" + topic;
        long available = ConnackChecks.connack(broker, Connect.of(MqttVersion.V5, Names.clientId()))
                .properties().number(SHARED_SUBSCRIPTION_AVAILABLE).orElse(1L);
        CheckFailure.unless(available == 1, "CONNACK says Shared Subscription Available 0");
        try (Paho5Client first = Paho5Client.connect(broker);
             Paho5Client second = Paho5Client.connect(broker);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            first.subscribe(Paho5Client.subscription(filter, 1));
            second.subscribe(Paho5Client.subscription(filter, 1));
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish(topic, "m" + i, 1, false, Map.of());
            }
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + Waits.DELIVERY.toNanos();
            while (received.size() < MESSAGES && System.nanoTime() < deadline) {
                first.drain(Duration.ofMillis(50)).forEach(message -> received.add(message.payload()));
                second.drain(Duration.ofMillis(50)).forEach(message -> received.add(message.payload()));
            }
            first.drain(Waits.QUIET).forEach(message -> received.add(message.payload()));
            second.drain(Duration.ZERO).forEach(message -> received.add(message.payload()));
            Set<String> distinct = new HashSet<>(received);
            CheckFailure.unless(received.size() == MESSAGES && distinct.size() == MESSAGES,
                    received.size() + " deliveries of " + distinct.size() + " distinct messages for " + MESSAGES + " published");
            return Verdict.pass(MESSAGES + " messages, each to one member");
        }
    }

    private static Verdict refusedFilter(BrokerUnderTest broker, String filter, String rule) {
        String answer = answerTo(broker, OutgoingPackets.Subscription.of(filter, 1));
        return refused(answer) ? Verdict.pass(answer) : Verdict.fail(answer + " " + rule);
    }

    private static Verdict noLocalRefused(BrokerUnderTest broker) {
        String filter = "$share/" + Names.random() + "/" + Names.topic();
        String answer = answerTo(broker, OutgoingPackets.Subscription.of(filter, 1).noLocal());
        return refused(answer) ? Verdict.pass(answer) : Verdict.fail(answer + " [MQTT-3.8.3-4]");
    }

    static boolean refused(String answer) {
        return !answer.startsWith("granted") && !answer.equals("no answer");
    }

    /** "granted 0x01", "SUBACK 0x8F", "DISCONNECT 0x82", "closed" or "no answer", on a connection of its own. */
    static String answerTo(BrokerUnderTest broker, OutgoingPackets.Subscription subscription) {
        try (RawMqttConnection connection = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, Names.clientId()))
                .settled()) {
            if (!connection.trySend(OutgoingPackets.subscribe(MqttVersion.V5, 1, WireProperties.none(), subscription))) {
                return "closed";
            }
            return connection.next(Waits.DELIVERY).map(packet -> {
                if (packet.type() == ReceivedPacket.SUBACK) {
                    int code = packet.subackReasonCodes().get(0);
                    return (code < 0x80 ? "granted " : "SUBACK ") + ReceivedPacket.hex(code);
                }
                return packet.isClosed() ? "closed" : packet.toString();
            }).orElse("no answer");
        }
    }
}
