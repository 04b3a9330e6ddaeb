package dev.reddot.broker.conformance;

import static dev.reddot.broker.conformance.WireProperties.SESSION_EXPIRY_INTERVAL;
import static dev.reddot.broker.conformance.WireProperties.WILL_DELAY_INTERVAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Will Messages: sent when a connection drops, not after a normal DISCONNECT, and delayed by Will Delay Interval. */
final class WillChecks {

    private static final int NORMAL_DISCONNECTION = 0x00;
    private static final int DISCONNECT_WITH_WILL = 0x04;

    /** Enough devices dropping at once to catch a race between a connection's loss and its completion. */
    private static final int DROPPING_DEVICES = 300;

    /** Longer than a 1 s Will Delay Interval counted in whole seconds on a broker's timer. */
    private static final Duration PAST_ONE_SECOND_DELAY = Duration.ofMillis(2_500);

    private WillChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("Will Message is published when the connection drops", WillChecks::publishedOnDrop),
                new Check("Will Message is not published after a normal DISCONNECT", WillChecks::notPublishedOnDisconnect),
                new Check("DISCONNECT with reason 0x04 publishes the Will Message", WillChecks::publishedOnDisconnectWithWill),
                new Check("Will Delay Interval delays the Will Message", WillChecks::delayed),
                new Check("a client back within the Will Delay Interval suppresses its Will Message",
                        WillChecks::suppressedByReconnect),
                new Check(DROPPING_DEVICES + " devices dropping the moment CONNACK arrives: every delayed Will Message "
                        + "is published", WillChecks::delayedForEveryInstantDrop));
    }

    private static Verdict publishedOnDrop(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/will";
        try (Paho5Client watcher = watching(broker, topic)) {
            RawMqttConnection.connected(broker, withWill(Names.clientId(), topic, 0)).close();
            watcher.next(Waits.DELIVERY, "the Will Message");
            return Verdict.pass("published");
        }
    }

    private static Verdict notPublishedOnDisconnect(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/will";
        try (Paho5Client watcher = watching(broker, topic)) {
            try (RawMqttConnection connection = RawMqttConnection.connected(broker, withWill(Names.clientId(), topic, 0))) {
                connection.send(OutgoingPackets.disconnect(MqttVersion.V5, NORMAL_DISCONNECTION, WireProperties.none()));
                connection.closesWithin(Waits.DELIVERY);
            }
            return watcher.drain(Waits.QUIET).isEmpty() ? Verdict.pass("not published")
                    : Verdict.fail("published after DISCONNECT 0x00");
        }
    }

    private static Verdict publishedOnDisconnectWithWill(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/will";
        try (Paho5Client watcher = watching(broker, topic)) {
            try (RawMqttConnection connection = RawMqttConnection.connected(broker, withWill(Names.clientId(), topic, 0))) {
                connection.send(OutgoingPackets.disconnect(MqttVersion.V5, DISCONNECT_WITH_WILL, WireProperties.none()));
                connection.closesWithin(Waits.DELIVERY);
            }
            watcher.next(Waits.DELIVERY, "the Will Message after DISCONNECT 0x04");
            return Verdict.pass("published");
        }
    }

    private static Verdict delayed(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/will";
        String clientId = Names.clientId();
        try (Paho5Client watcher = watching(broker, topic)) {
            RawMqttConnection.connected(broker, withWill(clientId, topic, 1)).close();
            long dropped = System.nanoTime();
            watcher.next(Waits.DELIVERY.plusSeconds(1), "the delayed Will Message");
            long millis = (System.nanoTime() - dropped) / 1_000_000;
            return millis >= 900 ? Verdict.pass("published " + millis + " ms after the drop (delay 1 s)")
                    : Verdict.fail("published after " + millis + " ms despite a 1 s delay");
        } finally {
            OfflineQueueChecks.endSession(broker, clientId);
        }
    }

    private static Verdict suppressedByReconnect(BrokerUnderTest broker) throws Exception {
        String topic = Names.topic() + "/will";
        String clientId = Names.clientId();
        try (Paho5Client watcher = watching(broker, topic)) {
            RawMqttConnection.connected(broker, withWill(clientId, topic, 1)).close();
            try (RawMqttConnection back = RawMqttConnection.connected(broker, Connect.of(MqttVersion.V5, clientId)
                    .cleanStart(false).property(SESSION_EXPIRY_INTERVAL, 60L))) {
                List<Paho5Client.Message> wills = watcher.drain(PAST_ONE_SECOND_DELAY);
                back.send(OutgoingPackets.disconnect(MqttVersion.V5, NORMAL_DISCONNECTION, WireProperties.none()));
                return wills.isEmpty() ? Verdict.pass("not published")
                        : Verdict.fail("published although the client came back within the delay");
            }
        } finally {
            OfflineQueueChecks.endSession(broker, clientId);
        }
    }

    /** Sessions of 60 s are left behind: the broker of a check is not used again. */
    private static Verdict delayedForEveryInstantDrop(BrokerUnderTest broker) throws Exception {
        String topics = Names.topic();
        try (Paho5Client watcher = watching(broker, topics + "/+/will")) {
            ExecutorService devices = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> dropped = new ArrayList<>();
                for (int device = 0; device < DROPPING_DEVICES; device++) {
                    String clientId = Names.clientId();
                    dropped.add(devices.submit(() -> RawMqttConnection.connected(broker,
                            withWill(clientId, topics + "/" + clientId + "/will", 1)).close()));
                }
                for (Future<?> device : dropped) {
                    device.get();
                }
            } finally {
                devices.shutdownNow();
            }
            Set<String> published = new HashSet<>();
            long deadline = System.nanoTime() + Waits.DELIVERY.plusSeconds(1).toNanos();
            while (published.size() < DROPPING_DEVICES && System.nanoTime() < deadline) {
                watcher.drain(Waits.QUIET).forEach(will -> published.add(will.topic()));
            }
            return published.size() == DROPPING_DEVICES ? Verdict.pass("all " + DROPPING_DEVICES + " published")
                    : Verdict.fail((DROPPING_DEVICES - published.size()) + " of " + DROPPING_DEVICES + " never published");
        }
    }

    private static Paho5Client watching(BrokerUnderTest broker, String topic) throws Exception {
        Paho5Client watcher = Paho5Client.connect(broker);
        watcher.subscribe(Paho5Client.subscription(topic, 1));
        return watcher;
    }

    /** A session of 60 s, so that a Will Delay Interval is not cut short by the session ending. */
    private static Connect withWill(String clientId, String topic, long delaySeconds) {
        WireProperties willProperties = delaySeconds > 0
                ? WireProperties.none().with(WILL_DELAY_INTERVAL, delaySeconds) : WireProperties.none();
        return Connect.of(MqttVersion.V5, clientId)
                .property(SESSION_EXPIRY_INTERVAL, 60L)
                .will(new Connect.Will(topic, "gone", 1, false, willProperties));
    }
}
