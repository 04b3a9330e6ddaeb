package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.SESSION_EXPIRY_INTERVAL;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reddot.broker.testing.RecordingMqttClient;

/**
 * Promises a persistent session keeps across a broker restart (stopped as an operator would, started again on the
 * same store): what the client left unacknowledged is resent as soon as it is back [MQTT-4.4.0-1], with its original
 * packet id and DUP, and the client's acknowledgements of it end it.
 */
final class RestartChecks {

    /** "At once": well before the retry timers (Moquette's is 5 s) that would otherwise resend it. */
    private static final Duration AT_ONCE = Waits.QUIET.multipliedBy(3);

    private RestartChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("MQTT 3.1.1 unacknowledged QoS 1 is resent at once on reconnect after a broker restart, with DUP",
                        broker -> qos1ResentAfterRestart(broker, MqttVersion.V3_1_1)),
                new Check("MQTT 5 unacknowledged QoS 1 is resent at once on reconnect after a broker restart, with DUP",
                        broker -> qos1ResentAfterRestart(broker, MqttVersion.V5)),
                new Check("MQTT 3.1.1 over WebSocket: unacknowledged QoS 1 is resent at once after a broker restart",
                        RestartChecks::qos1ResentAfterRestartOverWebSocket),
                new Check("MQTT 3.1.1 unacknowledged QoS 2 PUBLISH and PUBREL are resent at once after a broker restart",
                        RestartChecks::qos2ResentAfterRestart));
    }

    private static Verdict qos1ResentAfterRestart(BrokerUnderTest broker, MqttVersion version) throws Exception {
        if (!broker.restartable()) {
            return Verdict.notApplicable("the suite cannot restart it");
        }
        String topic = Names.topic() + "/restart";
        String clientId = Names.clientId();
        Connect connect = version == MqttVersion.V5
                ? Connect.of(version, clientId).cleanStart(false).property(SESSION_EXPIRY_INTERVAL, 60L)
                : Connect.of(version, clientId).cleanStart(false);
        int firstId;
        try (RawMqttConnection first = subscribed(broker, connect, topic, 1)) {
            publish(broker, topic, "unacknowledged", 1);
            firstId = awaitPublish(first, Waits.DELIVERY, "the first delivery").packetId();
            broker.restart();
        }
        long reconnected = System.nanoTime();
        long millis;
        try (RawMqttConnection back = RawMqttConnection.connected(broker, connect)) {
            CheckFailure.unless(back.connack().sessionPresent(), "CONNACK session present 0 after the restart");
            ReceivedPacket.Publish resent = awaitPublish(back, AT_ONCE, "the unacknowledged message, within "
                    + AT_ONCE.toMillis() + " ms of reconnecting,");
            millis = (System.nanoTime() - reconnected) / 1_000_000;
            CheckFailure.unless(resent.packetId() == firstId,
                    "resent with packet id " + resent.packetId() + " instead of " + firstId);
            CheckFailure.unless(resent.dup(), "resent after " + millis + " ms without DUP [MQTT-3.3.1-1]");
            // before the resent one is acknowledged, a new message must not take its packet id [MQTT-2.3.1-2]
            publish(broker, topic, "after-restart", 1);
            ReceivedPacket.Publish next = awaitPublish(back, Waits.DELIVERY, "a message published after the restart");
            CheckFailure.unless(next.packetId() != firstId,
                    "a new message took packet id " + firstId + " of the unacknowledged one");
            back.send(OutgoingPackets.puback(resent.packetId()), OutgoingPackets.puback(next.packetId()));
            back.settled();
        }
        try (RawMqttConnection again = RawMqttConnection.connected(broker, connect)) {
            Optional<ReceivedPacket> more = again.await(packet -> packet.type() == ReceivedPacket.PUBLISH, Waits.QUIET);
            CheckFailure.unless(more.isEmpty(), "acknowledged, yet sent again on the next reconnect: " + more);
            return Verdict.pass("resent " + millis + " ms after reconnecting, same packet id, DUP; a new message "
                    + "numbered apart; both acknowledgements taken");
        } finally {
            OfflineQueueChecks.endSession(broker, clientId);
        }
    }

    private static Verdict qos1ResentAfterRestartOverWebSocket(BrokerUnderTest broker) throws Exception {
        if (!broker.restartable() || broker.websocketUrl().isEmpty()) {
            return Verdict.notApplicable("the suite cannot restart it, or no WebSocket listener given");
        }
        String url = broker.websocketUrl().get();
        String topic = Names.topic() + "/restart-ws";
        String clientId = Names.clientId();
        Paho3Client.Message first;
        try (Paho3Client browser = Paho3Client.connect(url, clientId, false, true)) {
            browser.subscribe(topic, 1);
            publish(broker, topic, "unacknowledged", 1);
            first = browser.next(Waits.DELIVERY, "the first delivery");
            broker.restart();
        }
        long reconnected = System.nanoTime();
        long millis;
        try (Paho3Client back = Paho3Client.connect(url, clientId, false, true)) {
            CheckFailure.unless(back.sessionPresent(), "CONNACK session present 0 after the restart");
            Paho3Client.Message resent = back.next(AT_ONCE, "the unacknowledged message");
            millis = (System.nanoTime() - reconnected) / 1_000_000;
            CheckFailure.unless("unacknowledged".equals(resent.payload()), "resent " + resent.payload());
            CheckFailure.unless(resent.packetId() == first.packetId(),
                    "resent with packet id " + resent.packetId() + " instead of " + first.packetId());
            CheckFailure.unless(resent.dup(), "resent after " + millis + " ms without DUP [MQTT-3.3.1-1]");
            back.acknowledge(resent);
            Waits.letTimePass(Waits.QUIET);
        }
        try (Paho3Client again = Paho3Client.connect(url, clientId, false, true)) {
            CheckFailure.unless(again.receivesNothingWithin(Waits.QUIET), "acknowledged, yet sent again");
            return Verdict.pass("resent " + millis + " ms after connecting over ws://, same packet id, DUP");
        } finally {
            OfflineQueueChecks.endSession(broker, clientId);
        }
    }

    /**
     * One message left at its PUBLISH (no PUBREC), one at its PUBREL (no PUBCOMP); after the restart both come back at
     * once and the exchanges complete.
     */
    private static Verdict qos2ResentAfterRestart(BrokerUnderTest broker) throws Exception {
        if (!broker.restartable()) {
            return Verdict.notApplicable("the suite cannot restart it");
        }
        String topic = Names.topic() + "/restart-qos2";
        String clientId = Names.clientId();
        Connect connect = Connect.of(MqttVersion.V3_1_1, clientId).cleanStart(false);
        int releasedId;
        int publishedId;
        try (RawMqttConnection first = subscribed(broker, connect, topic, 2)) {
            publish(broker, topic, "released", 2);
            releasedId = awaitPublish(first, Waits.DELIVERY, "the first delivery").packetId();
            first.send(OutgoingPackets.pubrec(releasedId));
            ReceivedPacket pubrel = first.expect(ReceivedPacket.PUBREL, Waits.DELIVERY);
            CheckFailure.unless(pubrel.ack().packetId() == releasedId, "PUBREL for " + pubrel.ack().packetId());
            publish(broker, topic, "published", 2);
            publishedId = awaitPublish(first, Waits.DELIVERY, "the second delivery").packetId();
            broker.restart();
        }
        long reconnected = System.nanoTime();
        try (RawMqttConnection back = RawMqttConnection.connected(broker, connect)) {
            CheckFailure.unless(back.connack().sessionPresent(), "CONNACK session present 0 after the restart");
            Map<Integer, ReceivedPacket> resent = new HashMap<>();
            while (resent.size() < 2) {
                ReceivedPacket packet = back.await(p -> p.type() == ReceivedPacket.PUBLISH
                                || p.type() == ReceivedPacket.PUBREL, AT_ONCE)
                        .orElseThrow(() -> new CheckFailure("resent within " + AT_ONCE.toMillis() + " ms: only "
                                + resent.values()));
                resent.put(packet.type(), packet);
            }
            long millis = (System.nanoTime() - reconnected) / 1_000_000;
            ReceivedPacket.Publish publish = resent.get(ReceivedPacket.PUBLISH).publish();
            CheckFailure.unless(publish.packetId() == publishedId && publish.dup() && publish.qos() == 2,
                    "resent PUBLISH " + publish + " instead of packet " + publishedId + " at QoS 2 with DUP");
            CheckFailure.unless(resent.get(ReceivedPacket.PUBREL).ack().packetId() == releasedId,
                    "resent PUBREL for " + resent.get(ReceivedPacket.PUBREL).ack().packetId() + " instead of " + releasedId);
            back.send(OutgoingPackets.pubcomp(releasedId), OutgoingPackets.pubrec(publishedId));
            ReceivedPacket pubrel = back.expect(ReceivedPacket.PUBREL, Waits.DELIVERY);
            CheckFailure.unless(pubrel.ack().packetId() == publishedId, "PUBREL for " + pubrel.ack().packetId());
            back.send(OutgoingPackets.pubcomp(publishedId));
            back.settled();
            try (RawMqttConnection again = reconnect(broker, back, connect)) {
                List<ReceivedPacket> more = again.collect(Waits.QUIET);
                CheckFailure.unless(more.isEmpty(), "completed, yet sent again on the next reconnect: " + more);
            }
            return Verdict.pass("PUBLISH (DUP, same id) and PUBREL resent within " + millis + " ms; both completed");
        } finally {
            OfflineQueueChecks.endSession(broker, clientId);
        }
    }

    private static RawMqttConnection reconnect(BrokerUnderTest broker, RawMqttConnection current, Connect connect) {
        current.close();
        return RawMqttConnection.connected(broker, connect);
    }

    private static RawMqttConnection subscribed(BrokerUnderTest broker, Connect connect, String topic, int qos) {
        RawMqttConnection connection = RawMqttConnection.connected(broker, connect);
        connection.send(OutgoingPackets.subscribe(connect.version(), 1, WireProperties.none(),
                OutgoingPackets.Subscription.of(topic, qos)));
        connection.expect(ReceivedPacket.SUBACK, Waits.DELIVERY);
        return connection;
    }

    private static void publish(BrokerUnderTest broker, String topic, String payload, int qos) throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publisher.publish(topic, payload, qos, false, Map.of());
        }
    }

    private static ReceivedPacket.Publish awaitPublish(RawMqttConnection connection, Duration wait, String what) {
        return connection.await(packet -> packet.type() == ReceivedPacket.PUBLISH, wait)
                .orElseThrow(() -> new CheckFailure(what + " did not arrive")).publish();
    }
}
