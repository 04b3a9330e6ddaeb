package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.SESSION_EXPIRY_INTERVAL;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import dev.reddot.broker.testing.RecordingMqttClient;

/** Sessions that outlive a connection: subscriptions kept, QoS 1/2 queued while offline, in-flight messages resent. */
final class OfflineQueueChecks {

    private static final Set<String> QUEUED = Set.of("queued-qos1", "queued-qos2");

    private OfflineQueueChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("MQTT 3.1.1 clean session 0: QoS 1/2 queued while offline, delivered on reconnect",
                        OfflineQueueChecks::mqtt311PersistentSession),
                new Check("MQTT 5 clean start 0 + Session Expiry: QoS 1/2 queued while offline, delivered on reconnect",
                        broker -> mqtt5Session(broker, false)),
                new Check("MQTT 5 clean start 1 + Session Expiry > 0: session kept for a clean start 0 reconnect",
                        broker -> mqtt5Session(broker, true)),
                new Check("MQTT 5 unacknowledged QoS 1 is resent at once on reconnect, with DUP",
                        broker -> inflightResent(broker, MqttVersion.V5)),
                new Check("MQTT 3.1.1 unacknowledged QoS 1 is resent at once on reconnect, with DUP",
                        broker -> inflightResent(broker, MqttVersion.V3_1_1)));
    }

    private static Verdict mqtt311PersistentSession(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/offline";
        String clientId = Names.clientId();
        try (Paho3Client first = Paho3Client.connect(broker, clientId, false)) {
            first.subscribe(topic, 2);
        }
        publishWhileOffline(broker, topic);
        try (Paho3Client back = Paho3Client.connect(broker, clientId, false)) {
            CheckFailure.unless(back.sessionPresent(), "CONNACK session present 0 on reconnect");
            List<String> payloads = List.of(back.next(Waits.DELIVERY, "the first queued message").payload(),
                    back.next(Waits.DELIVERY, "the second queued message").payload());
            CheckFailure.unless(Set.copyOf(payloads).equals(QUEUED), "delivered " + payloads);
            return Verdict.pass("session present, QoS 1 and 2 delivered");
        }
    }

    private static Verdict mqtt5Session(BrokerUnderTest broker, boolean cleanStartFirst) throws Exception {
        String topic = Names.topic() + "/offline";
        String clientId = Names.clientId();
        Consumer<MqttConnectionOptions> firstOptions = options -> {
            options.setCleanStart(cleanStartFirst);
            options.setSessionExpiryInterval(60L);
        };
        try (Paho5Client first = Paho5Client.connect(broker, clientId, firstOptions)) {
            first.subscribe(Paho5Client.subscription(topic, 2));
        }
        publishWhileOffline(broker, topic);
        Consumer<MqttConnectionOptions> resume = options -> {
            options.setCleanStart(false);
            options.setSessionExpiryInterval(60L);
        };
        try (Paho5Client back = Paho5Client.connect(broker, clientId, resume)) {
            CheckFailure.unless(back.sessionPresent(), "CONNACK session present 0 on reconnect");
            List<String> payloads = List.of(back.next(Waits.DELIVERY, "the first queued message").payload(),
                    back.next(Waits.DELIVERY, "the second queued message").payload());
            CheckFailure.unless(Set.copyOf(payloads).equals(QUEUED), "delivered " + payloads);
            return Verdict.pass("session present, QoS 1 and 2 delivered");
        } finally {
            endSession(broker, clientId);
        }
    }

    private static Verdict inflightResent(BrokerUnderTest broker, MqttVersion version) throws Exception {
        String topic = Names.topic() + "/inflight";
        String clientId = Names.clientId();
        Connect connect = version == MqttVersion.V5
                ? Connect.of(version, clientId).property(SESSION_EXPIRY_INTERVAL, 60L)
                : Connect.of(version, clientId).cleanStart(false);
        int firstId;
        try (RawMqttConnection first = RawMqttConnection.connected(broker, connect);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            first.send(OutgoingPackets.subscribe(version, 1, WireProperties.none(), OutgoingPackets.Subscription.of(topic, 1)));
            first.expect(ReceivedPacket.SUBACK, Waits.DELIVERY);
            publisher.publish(topic, "unacknowledged", 1, false, Map.of());
            firstId = first.await(packet -> packet.type() == ReceivedPacket.PUBLISH, Waits.DELIVERY)
                    .orElseThrow(() -> new CheckFailure("the first delivery did not arrive")).publish().packetId();
        }
        long reconnected = System.nanoTime();
        try (RawMqttConnection back = RawMqttConnection.connected(broker, connect.cleanStart(false))) {
            CheckFailure.unless(back.connack().sessionPresent(), "CONNACK session present 0 on reconnect");
            // "at once": well before the retry timers (Moquette's is 5 s) that would otherwise resend it
            ReceivedPacket.Publish resent = back.await(packet -> packet.type() == ReceivedPacket.PUBLISH, Waits.QUIET.multipliedBy(3))
                    .orElseThrow(() -> new CheckFailure("not resent within 1.5 s of reconnecting")).publish();
            long millis = (System.nanoTime() - reconnected) / 1_000_000;
            back.send(OutgoingPackets.puback(resent.packetId()));
            CheckFailure.unless(resent.packetId() == firstId,
                    "resent with packet id " + resent.packetId() + " instead of " + firstId);
            CheckFailure.unless(resent.dup(), "resent after " + millis + " ms without DUP [MQTT-3.3.1-1]");
            return Verdict.pass("resent after " + millis + " ms, same packet id, DUP");
        } finally {
            endSession(broker, clientId);
        }
    }

    private static void publishWhileOffline(BrokerUnderTest broker, String topic) throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publisher.publish(topic, "queued-qos1", 1, false, Map.of());
            publisher.publish(topic, "queued-qos2", 2, false, Map.of());
        }
    }

    /** Leaves no session behind to queue messages for nobody. */
    static void endSession(BrokerUnderTest broker, String clientId) throws Exception {
        Paho5Client.connect(broker, clientId, options -> options.setCleanStart(true)).close();
    }
}
