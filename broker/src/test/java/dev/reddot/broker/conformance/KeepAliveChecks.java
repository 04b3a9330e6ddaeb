package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.SERVER_KEEP_ALIVE;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Keep Alive as the client asks for it and as the broker may override it (Server Keep Alive). */
final class KeepAliveChecks {

    private static final Duration PING_PERIOD = Duration.ofMillis(500);
    private static final int PINGS = 5;

    private KeepAliveChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("a silent client is disconnected after 1.5 × its Keep Alive (or the Server Keep Alive)",
                        KeepAliveChecks::silentClientDropped),
                new Check("PINGREQ is answered with PINGRESP and keeps a 1 s Keep Alive connection open",
                        KeepAliveChecks::pingsKeepAlive),
                new Check("Keep Alive 0 (off) is accepted; a Server Keep Alive in CONNACK, if any, is what is enforced",
                        KeepAliveChecks::serverKeepAlive));
    }

    private static Verdict silentClientDropped(BrokerUnderTest broker) {
        try (RawMqttConnection connection = RawMqttConnection.connected(broker,
                Connect.of(MqttVersion.V5, Names.clientId()).keepAlive(1))) {
            long connected = System.nanoTime();
            long keepAlive = connection.connack().properties().number(SERVER_KEEP_ALIVE).orElse(1L);
            if (keepAlive > 5) {
                return Verdict.fail("Server Keep Alive " + keepAlive + " s for a client asking 1 s: too long to observe");
            }
            // 1.5 × Keep Alive, plus a second for brokers that count whole seconds on a timer
            Duration limit = Duration.ofMillis(keepAlive * 1_500 + 1_500);
            if (!connection.closesWithin(limit)) {
                return Verdict.fail("still connected " + limit.toMillis() + " ms after a silent start (Keep Alive "
                        + keepAlive + " s)");
            }
            long millis = (System.nanoTime() - connected) / 1_000_000;
            return millis >= keepAlive * 1_000 ? Verdict.pass("closed after " + millis + " ms (Keep Alive " + keepAlive + " s)")
                    : Verdict.fail("closed after only " + millis + " ms (Keep Alive " + keepAlive + " s)");
        }
    }

    private static Verdict pingsKeepAlive(BrokerUnderTest broker) throws InterruptedException {
        try (RawMqttConnection connection = RawMqttConnection.connected(broker,
                Connect.of(MqttVersion.V5, Names.clientId()).keepAlive(1))) {
            for (int ping = 1; ping <= PINGS; ping++) {
                connection.send(OutgoingPackets.pingreq());
                ReceivedPacket answer = connection.next(Waits.DELIVERY)
                        .orElseThrow(() -> new CheckFailure("no PINGRESP within " + Waits.DELIVERY.toMillis() + " ms"));
                CheckFailure.unless(answer.type() == ReceivedPacket.PINGRESP, "instead of PINGRESP: " + answer);
                // pacing a client's pings, as a real client's timer would
                Waits.letTimePass(PING_PERIOD);
            }
            return connection.next(Duration.ZERO).filter(ReceivedPacket::isClosed).isEmpty()
                    ? Verdict.pass(PINGS + " PINGRESPs, still connected after " + PINGS * PING_PERIOD.toMillis() + " ms")
                    : Verdict.fail("closed despite the pings");
        }
    }

    private static Verdict serverKeepAlive(BrokerUnderTest broker) {
        ReceivedPacket.Connack connack = ConnackChecks.connack(broker,
                Connect.of(MqttVersion.V5, Names.clientId()).keepAlive(0));
        if (connack.reasonCode() != 0) {
            return Verdict.fail("Keep Alive 0 refused with " + ReceivedPacket.hex(connack.reasonCode()));
        }
        // whether a Server Keep Alive is then enforced is what silentClientDropped observes
        Optional<Long> serverKeepAlive = connack.properties().number(SERVER_KEEP_ALIVE);
        return Verdict.pass(serverKeepAlive.map(value -> "accepted, Server Keep Alive " + value + " s")
                .orElse("accepted, no Server Keep Alive (keep alive off)"));
    }
}
