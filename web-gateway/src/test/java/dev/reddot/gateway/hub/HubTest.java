package dev.reddot.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reddot.protocol.CountEvent;

class HubTest {

    private final Hub hub = new Hub();

    @Test
    void answersZeroForAUserNeverSeen() {
        assertThat(hub.latest("alice")).isEqualTo(CountEvent.initial("alice"));
    }

    @Test
    void keepsOnlyNewerCounts() {
        assertThat(hub.publish(new CountEvent("alice", 3, 2, 20))).isTrue();
        assertThat(hub.publish(new CountEvent("alice", 9, 1, 10))).isFalse();
        assertThat(hub.publish(new CountEvent("alice", 9, 2, 20))).isFalse();

        assertThat(hub.latest("alice").count()).isEqualTo(3);
    }

    @Test
    void handsANewConnectionTheCurrentCountThenEveryNewerOne() {
        hub.publish(new CountEvent("alice", 3, 1, 10));
        Recording tab = new Recording("sse");

        hub.subscribe("alice", tab);
        hub.publish(new CountEvent("alice", 4, 2, 20));
        hub.publish(new CountEvent("alice", 1, 1, 10));
        hub.publish(new CountEvent("bob", 7, 5, 30));

        assertThat(tab.received).extracting(CountEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void countsOpenConnectionsPerTransportAndReleasesEachOnce() {
        Subscription first = hub.subscribe("alice", new Recording("sse"));
        Subscription second = hub.subscribe("alice", new Recording("sse"));
        Subscription waiter = hub.subscribe("bob", new Recording("long-poll"));
        assertThat(hub.openConnections()).containsEntry("sse", 2).containsEntry("long-poll", 1);

        first.close();
        first.close();
        waiter.close();

        assertThat(hub.openConnections()).containsEntry("sse", 1).containsEntry("long-poll", 0);
        second.close();
        assertThat(hub.openConnections()).containsEntry("sse", 0);
    }

    @Test
    void aReleasedConnectionGetsNothingMore() {
        Recording tab = new Recording("sse");
        Subscription subscription = hub.subscribe("alice", tab);
        subscription.close();

        hub.publish(new CountEvent("alice", 4, 2, 20));

        assertThat(tab.received).extracting(CountEvent::seq).containsExactly(0L);
    }

    @Test
    void closesEveryConnectionWhenStopping() {
        Recording first = new Recording("sse");
        Recording second = new Recording("long-poll");
        first.subscription = hub.subscribe("alice", first);
        second.subscription = hub.subscribe("bob", second);

        hub.closeAll();

        assertThat(first.closed).isTrue();
        assertThat(second.closed).isTrue();
        assertThat(hub.openConnections()).containsEntry("sse", 0).containsEntry("long-poll", 0);
    }

    private static final class Recording implements Transport {

        private final String transport;
        private final List<CountEvent> received = new ArrayList<>();
        private Subscription subscription;
        private boolean closed;

        Recording(String transport) {
            this.transport = transport;
        }

        @Override
        public String name() {
            return transport;
        }

        @Override
        public void deliver(CountEvent event) {
            received.add(event);
        }

        @Override
        public void close() {
            closed = true;
            subscription.close();
        }
    }
}
