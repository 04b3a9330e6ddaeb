package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.reddot.protocol.CountEvent;

class ConnectionWriterTest {

    private static final CountFrames FRAMES = new CountFrames(CountEvent::toJson);

    /** Runs tasks only when the test says so: a client that reads slowly. */
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor manual = queued::add;
    private final Recording sink = new Recording();
    private final AtomicInteger failures = new AtomicInteger();

    @Test
    void aSlowClientGetsOnlyTheNewestCountAndOneTask() {
        ConnectionWriter writer = new ConnectionWriter(sink, manual, -1, e -> failures.incrementAndGet());

        for (int seq = 1; seq <= 1000; seq++) {
            writer.offer(FRAMES.of(new CountEvent("alice", seq, seq, seq)));
        }
        assertThat(queued).hasSize(1);
        runQueued();

        assertThat(sink.written).containsExactly("count 1000");
    }

    @Test
    void neverWritesACountTheClientAlreadyHas() {
        ConnectionWriter writer = new ConnectionWriter(sink, Runnable::run, 5, e -> failures.incrementAndGet());

        writer.offer(FRAMES.of(new CountEvent("alice", 1, 5, 5)));
        writer.offer(FRAMES.of(new CountEvent("alice", 2, 6, 6)));
        writer.offer(FRAMES.of(new CountEvent("alice", 2, 6, 6)));
        writer.offer(FRAMES.of(new CountEvent("alice", 0, 4, 4)));

        assertThat(sink.written).containsExactly("count 2");
    }

    @Test
    void aClientAheadOfTheFirstCountGetsItAnyway() {
        ConnectionWriter writer = new ConnectionWriter(sink, Runnable::run, 9, e -> failures.incrementAndGet());

        writer.offer(FRAMES.of(new CountEvent("alice", 3, 2, 2)));
        writer.offer(FRAMES.of(new CountEvent("alice", 4, 3, 3)));

        assertThat(sink.written).as("the store was reset: its seq 2 is the current count").containsExactly("count 3",
                "count 4");
    }

    @Test
    void writesHeartbeatsThroughTheSameWriter() {
        ConnectionWriter writer = new ConnectionWriter(sink, Runnable::run, -1, e -> failures.incrementAndGet());

        writer.heartbeat();
        writer.offer(FRAMES.of(new CountEvent("alice", 1, 1, 1)));
        writer.heartbeat();

        assertThat(sink.written).containsExactly("heartbeat", "count 1", "heartbeat");
    }

    @Test
    void reportsAFailedWriteOnceAndThenStops() {
        sink.failing = true;
        ConnectionWriter writer = new ConnectionWriter(sink, Runnable::run, -1, e -> failures.incrementAndGet());

        writer.offer(FRAMES.of(new CountEvent("alice", 1, 1, 1)));
        writer.offer(FRAMES.of(new CountEvent("alice", 2, 2, 2)));
        writer.heartbeat();

        assertThat(failures).hasValue(1);
        assertThat(sink.attempts).isEqualTo(1);
    }

    @Test
    void endsWithTheExpiryAndWritesNothingAfterIt() {
        ConnectionWriter writer = new ConnectionWriter(sink, manual, -1, e -> failures.incrementAndGet());

        writer.offer(FRAMES.of(new CountEvent("alice", 1, 1, 1)));
        writer.expire();
        writer.offer(FRAMES.of(new CountEvent("alice", 2, 2, 2)));
        writer.heartbeat();
        runQueued();
        writer.offer(FRAMES.of(new CountEvent("alice", 3, 3, 3)));
        runQueued();

        assertThat(sink.written).containsExactly("expired");
        assertThat(failures).hasValue(0);
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    private static final class Recording implements ConnectionWriter.Sink {

        private final List<String> written = new ArrayList<>();
        private boolean failing;
        private int attempts;

        @Override
        public void writeCount(EncodedCount count) throws IOException {
            write("count " + count.event().count());
        }

        @Override
        public void writeHeartbeat() throws IOException {
            write("heartbeat");
        }

        @Override
        public void writeExpiry() throws IOException {
            write("expired");
        }

        private void write(String what) throws IOException {
            attempts++;
            if (failing) {
                throw new IOException("Broken pipe");
            }
            written.add(what);
        }
    }
}
