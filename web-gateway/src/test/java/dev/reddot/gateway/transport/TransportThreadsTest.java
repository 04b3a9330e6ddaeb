package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reddot.gateway.GatewayProperties;

class TransportThreadsTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(100);

    private final TransportThreads threads = new TransportThreads(new GatewayProperties(HEARTBEAT, Duration.ofMinutes(30),
            Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(2), "ws://{host}/mqtt",
            1, 100, 10, Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofMillis(250)));

    @AfterEach
    void stop() {
        threads.destroy();
    }

    @Test
    void spreadsTheHeartbeatsOfConnectionsOpenedTogetherOverTheInterval() {
        List<ScheduledFuture<?>> heartbeats = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ConnectionWriter writer = threads.writer(new Silent(), -1, e -> { });
            heartbeats.add(threads.heartbeats(writer));
        }

        // ten slices of the interval: connections opened in the same moment land in all of them
        long slices = heartbeats.stream()
                .mapToLong(heartbeat -> firstDelayMillis(heartbeat) * 10 / HEARTBEAT.toMillis())
                .distinct().count();
        assertThat(slices).isEqualTo(10);
        assertThat(heartbeats).allSatisfy(heartbeat ->
                assertThat(heartbeat.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(HEARTBEAT.toMillis()));
        heartbeats.forEach(heartbeat -> heartbeat.cancel(false));
    }

    /** A first heartbeat due within milliseconds may already be running: it counts in the first slice. */
    private static long firstDelayMillis(ScheduledFuture<?> heartbeat) {
        return Math.max(0, Math.min(HEARTBEAT.toMillis() - 1, heartbeat.getDelay(TimeUnit.MILLISECONDS)));
    }

    private static final class Silent implements ConnectionWriter.Sink {

        @Override
        public void writeCount(EncodedCount count) {
        }

        @Override
        public void writeHeartbeat() {
        }

        @Override
        public void writeExpiry() {
        }
    }
}
