package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.ASSIGNED_CLIENT_IDENTIFIER;
import static dev.reddot.broker.conformance.WireProperties.MAXIMUM_PACKET_SIZE;
import static dev.reddot.broker.conformance.WireProperties.RECEIVE_MAXIMUM;
import static dev.reddot.broker.conformance.WireProperties.SESSION_EXPIRY_INTERVAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What CONNACK tells a client, read byte for byte, and zero-length client identifiers. */
final class ConnackChecks {

    private ConnackChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("CONNACK announces a Receive Maximum in 1..65535", ConnackChecks::receiveMaximum),
                new Check("CONNACK announces a Maximum Packet Size", ConnackChecks::maximumPacketSize),
                new Check("CONNACK echoes the Session Expiry Interval truthfully (absent, or the value in use)",
                        ConnackChecks::sessionExpiry),
                new Check("MQTT 5 zero-length client id gets an Assigned Client Identifier", ConnackChecks::assignedClientId),
                new Check("MQTT 3.1.1 zero-length client id is accepted with clean session",
                        ConnackChecks::zeroLengthIdCleanSession),
                new Check("MQTT 3.1.1 zero-length client id without clean session is refused (0x02)",
                        ConnackChecks::zeroLengthIdPersistentSession));
    }

    private static Verdict receiveMaximum(BrokerUnderTest broker) {
        Optional<Long> receiveMaximum = connack(broker, Connect.of(MqttVersion.V5, Names.clientId()))
                .properties().number(RECEIVE_MAXIMUM);
        if (receiveMaximum.isEmpty()) {
            return Verdict.fail("not announced (a client must assume 65,535)");
        }
        long value = receiveMaximum.get();
        return value >= 1 && value <= 65_535 ? Verdict.pass("Receive Maximum " + value)
                : Verdict.fail("Receive Maximum " + value + " is outside 1..65535");
    }

    private static Verdict maximumPacketSize(BrokerUnderTest broker) {
        return connack(broker, Connect.of(MqttVersion.V5, Names.clientId())).properties().number(MAXIMUM_PACKET_SIZE)
                .map(size -> size > 0 ? Verdict.pass("Maximum Packet Size " + size)
                        : Verdict.fail("Maximum Packet Size 0 is a protocol error"))
                .orElseGet(() -> Verdict.fail("not announced (a client must assume no limit)"));
    }

    private static Verdict sessionExpiry(BrokerUnderTest broker) {
        Optional<Long> forNone = connack(broker, Connect.of(MqttVersion.V5, Names.clientId()))
                .properties().number(SESSION_EXPIRY_INTERVAL);
        Optional<Long> forThirty = connack(broker, Connect.of(MqttVersion.V5, Names.clientId())
                .property(SESSION_EXPIRY_INTERVAL, 30L)).properties().number(SESSION_EXPIRY_INTERVAL);
        String seen = "asked 0 → " + forNone.map(String::valueOf).orElse("absent")
                + ", asked 30 → " + forThirty.map(String::valueOf).orElse("absent");
        // a broker may shorten a session, never lengthen what the client asked for
        boolean truthful = forNone.orElse(0L) == 0 && forThirty.orElse(30L) <= 30;
        return truthful ? Verdict.pass(seen) : Verdict.fail(seen);
    }

    private static Verdict assignedClientId(BrokerUnderTest broker) {
        ReceivedPacket.Connack connack = connack(broker, Connect.of(MqttVersion.V5, ""));
        if (connack.reasonCode() != 0) {
            return Verdict.fail("refused with " + ReceivedPacket.hex(connack.reasonCode()));
        }
        return connack.properties().string(ASSIGNED_CLIENT_IDENTIFIER)
                .filter(id -> !id.isEmpty())
                .map(id -> Verdict.pass("assigned " + id))
                .orElseGet(() -> Verdict.fail("accepted without an Assigned Client Identifier"));
    }

    private static Verdict zeroLengthIdCleanSession(BrokerUnderTest broker) {
        int code = connack(broker, Connect.of(MqttVersion.V3_1_1, "")).reasonCode();
        return code == 0 ? Verdict.pass("accepted") : Verdict.fail("refused with " + ReceivedPacket.hex(code));
    }

    private static Verdict zeroLengthIdPersistentSession(BrokerUnderTest broker) {
        int code = connack(broker, Connect.of(MqttVersion.V3_1_1, "").cleanStart(false)).reasonCode();
        return code == 0x02 ? Verdict.pass("refused with 0x02 Identifier rejected")
                : Verdict.fail("answered " + ReceivedPacket.hex(code) + " [MQTT-3.1.3-8]");
    }

    /** How many of that many new clients (fresh ids, connecting at once) get no CONNACK within {@link Waits#DELIVERY}. */
    static int clientsWithoutConnack(BrokerUnderTest broker, int clients) {
        List<RawMqttConnection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                RawMqttConnection connection = RawMqttConnection.open(broker, MqttVersion.V5);
                connections.add(connection);
                connection.send(Connect.of(MqttVersion.V5, Names.clientId()).encode());
            }
            long deadline = System.nanoTime() + Waits.DELIVERY.toNanos();
            int unanswered = 0;
            for (RawMqttConnection connection : connections) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                unanswered += connection.next(left).filter(packet -> packet.type() == ReceivedPacket.CONNACK).isPresent() ? 0 : 1;
            }
            return unanswered;
        } finally {
            connections.forEach(RawMqttConnection::close);
        }
    }

    /** The CONNACK for this CONNECT, whatever its reason code. */
    static ReceivedPacket.Connack connack(BrokerUnderTest broker, Connect connect) {
        try (RawMqttConnection connection = RawMqttConnection.open(broker, connect.version())) {
            connection.send(connect.encode());
            return connection.expect(ReceivedPacket.CONNACK, Waits.DELIVERY).connack();
        }
    }
}
