package dev.reddot.broker.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

import org.eclipse.paho.mqttv5.common.MqttException;

import dev.reddot.broker.testing.TestBroker;

/**
 * The clients that must not notice the attack: one QoS 1 publisher and, on every session loop, a TCP and a
 * WebSocket subscriber to its topic.
 */
final class WellBehavedClients implements AutoCloseable {

    static final String TOPIC = "steady/count";
    private static final Duration PUBLISH_PERIOD = Duration.ofMillis(50);

    private final SteadyPublisher publisher;
    private final List<SteadySubscriber> subscribers;
    private final List<Integer> subscriberLoops;

    private WellBehavedClients(SteadyPublisher publisher, List<SteadySubscriber> subscribers, List<Integer> loops) {
        this.publisher = publisher;
        this.subscribers = subscribers;
        this.subscriberLoops = loops;
    }

    static WellBehavedClients start(TestBroker broker, SessionLoops loops) throws MqttException {
        List<SteadySubscriber> subscribers = new ArrayList<>();
        List<Integer> subscriberLoops = new ArrayList<>();
        try {
            for (int loop = 0; loop < loops.count(); loop++) {
                subscribers.add(SteadySubscriber.connect("tcp-loop" + loop, broker.tcpUrl(),
                        loops.clientIdOn(loop, "steady-tcp-loop" + loop), TOPIC));
                subscribers.add(SteadySubscriber.connect("websocket-loop" + loop, broker.websocketUrl(),
                        loops.clientIdOn(loop, "steady-ws-loop" + loop), TOPIC));
                subscriberLoops.add(loop);
                subscriberLoops.add(loop);
            }
            return new WellBehavedClients(SteadyPublisher.start(broker.tcpUrl(), loops.clientIdOn(0, "steady-publisher"),
                    TOPIC, PUBLISH_PERIOD), subscribers, subscriberLoops);
        } catch (MqttException | RuntimeException e) {
            for (SteadySubscriber subscriber : subscribers) {
                subscriber.close();
            }
            throw e;
        }
    }

    /** What went wrong so far; a message counts as lost once its PUBACK is older than {@code lag}. */
    List<String> problems(Duration lag) {
        List<String> problems = new ArrayList<>();
        if (!publisher.failures().isEmpty()) {
            problems.add("publisher: " + publisher.failures().size() + " of " + publisher.attempted()
                    + " QoS 1 publishes got no PUBACK, first: " + publisher.failures().get(0));
        }
        if (!publisher.connected()) {
            problems.add("publisher: lost its connection");
        }
        List<Long> due = publisher.acknowledgedBefore(System.nanoTime() - lag.toNanos());
        for (int i = 0; i < subscribers.size(); i++) {
            SteadySubscriber subscriber = subscribers.get(i);
            String who = subscriber.name() + " (" + subscriber.clientId() + ", session loop " + subscriberLoops.get(i)
                    + ")";
            if (!subscriber.stayedConnected()) {
                problems.add(who + ": lost its connection: " + subscriber.connectionTrouble());
            }
            SortedSet<Long> missing = subscriber.missing(due);
            if (!missing.isEmpty()) {
                problems.add(who + ": missed " + missing.size() + " of " + due.size()
                        + " acknowledged messages, seq " + missing.first() + ".." + missing.last());
            }
        }
        return problems;
    }

    /** Stops publishing; what is still in flight must then arrive. */
    void stopPublishing() throws InterruptedException {
        publisher.stop();
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("publisher: " + publisher.acknowledged().size() + " of " + publisher.attempted()
                + " QoS 1 messages acknowledged, " + publisher.failures().size() + " failed");
        for (SteadySubscriber subscriber : subscribers) {
            lines.add(subscriber.name() + ": " + subscriber.distinctReceived() + " distinct messages received ("
                    + subscriber.deliveries() + " deliveries), missing "
                    + subscriber.missing(publisher.acknowledged()).size()
                    + ", stayed connected: " + subscriber.stayedConnected());
        }
        return lines;
    }

    @Override
    public void close() throws MqttException, InterruptedException {
        publisher.close();
        for (SteadySubscriber subscriber : subscribers) {
            subscriber.close();
        }
    }
}
