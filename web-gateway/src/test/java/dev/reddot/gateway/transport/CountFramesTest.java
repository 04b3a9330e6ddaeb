package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.reddot.gateway.hub.Transport;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.protocol.CountEvent;

class CountFramesTest {

    private final AtomicInteger encodings = new AtomicInteger();
    private final CountFrames frames = new CountFrames(event -> {
        encodings.incrementAndGet();
        return "data: " + event.toJson() + "\n\n";
    });

    @Test
    void encodesEachCountOnceForAllOfAUsersConnections() {
        Hub hub = new Hub();
        CountEvent six = new CountEvent("alice", 6, 6, 1);
        hub.publish(six);
        List<Recording> connections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recording connection = new Recording();
            connections.add(connection);
            hub.subscribe("alice", connection);
        }
        assertThat(connections).allSatisfy(connection -> assertThat(connection.last.event()).isSameAs(six));
        CountEvent seven = new CountEvent("alice", 7, 7, 1);
        hub.publish(seven);

        // the held count, handed to each connection as it subscribed, then the new one: once each
        assertThat(encodings).hasValue(2);
        EncodedCount first = connections.get(0).last;
        assertThat(first.event()).isEqualTo(seven);
        assertThat(new String(first.frame(), StandardCharsets.UTF_8)).isEqualTo("data: " + seven.toJson() + "\n\n");
        assertThat(connections).allSatisfy(connection -> assertThat(connection.last).isSameAs(first));
    }

    @Test
    void encodesEveryNewCount() {
        EncodedCount one = frames.of(new CountEvent("alice", 1, 1, 1));
        EncodedCount two = frames.of(new CountEvent("bob", 1, 1, 1));

        assertThat(two).isNotSameAs(one);
        assertThat(new String(two.frame(), StandardCharsets.UTF_8)).contains("\"userId\":\"bob\"");
        assertThat(encodings).hasValue(2);
    }

    /** A connection that keeps what the hub last handed it, encoded as a push connection does. */
    private final class Recording implements Transport {

        private EncodedCount last;

        @Override
        public String name() {
            return Transports.SSE;
        }

        @Override
        public void deliver(CountEvent event) {
            last = frames.of(event);
        }

        @Override
        public void close() {
        }
    }
}
