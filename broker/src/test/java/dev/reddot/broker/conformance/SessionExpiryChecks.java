package dev.reddot.broker.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.reddot.broker.testing.RecordingMqttClient;

/** MQTT 5 Session Expiry Interval, as set on CONNECT and changed on DISCONNECT. */
final class SessionExpiryChecks {

    /**
     * Past a 1 s expiry: brokers count in whole seconds and check on a timer (Mosquitto: strictly after the second
     * boundary, from a loop that wakes about once a second).
     */
    private static final Duration PAST_ONE_SECOND_EXPIRY = Duration.ofMillis(3_000);

    private SessionExpiryChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("Session Expiry Interval on CONNECT: the session ends when it expires",
                        SessionExpiryChecks::expiresAsConnected),
                new Check("Session Expiry Interval 0 on DISCONNECT ends the session at once",
                        SessionExpiryChecks::endedByDisconnect),
                new Check("a longer Session Expiry Interval on DISCONNECT keeps the session longer",
                        SessionExpiryChecks::extendedByDisconnect));
    }

    private static Verdict expiresAsConnected(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/expiry";
        String shortLived = Names.clientId();
        String longLived = Names.clientId();
        subscribeAndLeave(broker, shortLived, 1L, topic);
        subscribeAndLeave(broker, longLived, 60L, topic);
        Waits.letTimePass(PAST_ONE_SECOND_EXPIRY);
        publish(broker, topic);
        // the long-lived session proves the broker keeps sessions at all, so the short one's absence means expiry
        CheckFailure.unless(resume(broker, longLived).sessionPresent,
                "a 60 s session was gone too: the broker keeps no sessions");
        Resumed expired = resume(broker, shortLived);
        return !expired.sessionPresent && expired.messages.isEmpty()
                ? Verdict.pass("1 s session gone after 3 s, 60 s session kept")
                : Verdict.fail("1 s session still there after 3 s (session present " + expired.sessionPresent + ", "
                        + expired.messages.size() + " queued messages)");
    }

    private static Verdict endedByDisconnect(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/expiry";
        String clientId = Names.clientId();
        try (Paho5Client client = Paho5Client.connect(broker, clientId, options -> options.setSessionExpiryInterval(60L))) {
            client.subscribe(Paho5Client.subscription(topic, 1));
            client.disconnectWithSessionExpiry(0);
        }
        publish(broker, topic);
        Resumed resumed = resume(broker, clientId);
        return !resumed.sessionPresent && resumed.messages.isEmpty() ? Verdict.pass("session gone at once")
                : Verdict.fail("session kept (session present " + resumed.sessionPresent + ", "
                        + resumed.messages.size() + " queued messages)");
    }

    private static Verdict extendedByDisconnect(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/expiry";
        String clientId = Names.clientId();
        try (Paho5Client client = Paho5Client.connect(broker, clientId, options -> options.setSessionExpiryInterval(1L))) {
            client.subscribe(Paho5Client.subscription(topic, 1));
            client.disconnectWithSessionExpiry(60);
        }
        Waits.letTimePass(PAST_ONE_SECOND_EXPIRY);
        publish(broker, topic);
        Resumed resumed = resume(broker, clientId);
        // QoS 1 is at least once: one run of Reddot's broker on a loaded machine delivered the queued message twice
        boolean delivered = !resumed.messages.isEmpty()
                && resumed.messages.stream().map(Paho5Client.Message::payload).distinct().count() == 1;
        return resumed.sessionPresent && delivered
                ? Verdict.pass("kept past the CONNECT value of 1 s, queued message delivered")
                : Verdict.fail("session present " + resumed.sessionPresent + ", " + resumed.messages.size()
                        + " queued messages after 3 s");
    }

    private record Resumed(boolean sessionPresent, List<Paho5Client.Message> messages) {
    }

    private static void subscribeAndLeave(BrokerUnderTest broker, String clientId, long expiry, String topic)
            throws Exception {
        try (Paho5Client client = Paho5Client.connect(broker, clientId, options -> options.setSessionExpiryInterval(expiry))) {
            client.subscribe(Paho5Client.subscription(topic, 1));
        }
    }

    private static void publish(BrokerUnderTest broker, String topic) throws Exception {
        try (RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publisher.publish(topic, "while-away", 1, false, Map.of());
        }
    }

    /** Reconnects with clean start 0, collects what a kept session would deliver, and ends the session. */
    private static Resumed resume(BrokerUnderTest broker, String clientId) throws Exception {
        try (Paho5Client client = Paho5Client.connect(broker, clientId, options -> options.setCleanStart(false))) {
            return new Resumed(client.sessionPresent(), client.drain(Waits.QUIET));
        } finally {
            OfflineQueueChecks.endSession(broker, clientId);
        }
    }
}
