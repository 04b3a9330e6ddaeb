package dev.reddot.publisher.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.publisher.outbox.CountOutbox;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/**
 * A broadcast to 100,000 known users: time until the 202, until the outbox is empty (every count acknowledged by
 * the broker) and until a {@code /message/+} subscriber has seen every user's new count. Target: under 10 s.
 * Not part of the test run: {@code mvn -B verify -pl publisher-service -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=BroadcastBenchmark -Dmaven.test.redirectTestOutputToFile=false}.
 */
@Tag("benchmark")
class BroadcastBenchmark {

    private static final Logger log = LoggerFactory.getLogger(BroadcastBenchmark.class);
    private static final int USERS = 100_000;
    private static final Duration OUTBOX_CHECK_EVERY = Duration.ofMillis(100);

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    @ParameterizedTest
    @EnumSource(Store.class)
    void broadcastToOneHundredThousandUsers(Store store) throws Exception {
        try (PublisherStack reddot = stacks.ownStack(store)) {
            knownUsers(reddot.bean(JdbcTemplate.class));
            try (RecordingMqttClient subscriber = reddot.subscriber("/message/+")) {
                long start = System.nanoTime();
                assertThat(reddot.post("/api/broadcasts", "{\"title\":\"Maintenance tonight\"}").body())
                        .isEqualTo("{\"recipients\":" + USERS + "}");
                long accepted = System.nanoTime();
                CountOutbox outbox = reddot.bean(CountOutbox.class);
                Set<String> seen = new HashSet<>();
                long published = 0;
                long outboxChecked = 0;
                while (seen.size() < USERS) {
                    for (Received received : subscriber.drain(Duration.ofSeconds(30))) {
                        seen.add(received.topic());
                    }
                    // counting the outbox scans it: not after every message, or the benchmark measures itself
                    if (published == 0 && System.nanoTime() - outboxChecked > OUTBOX_CHECK_EVERY.toNanos()) {
                        outboxChecked = System.nanoTime();
                        published = outbox.size() == 0 ? outboxChecked : 0;
                    }
                    assertThat(System.nanoTime() - start).as("seen %d", seen.size()).isLessThan(TimeUnit.SECONDS.toNanos(120));
                }
                long received = System.nanoTime();
                log.info("""

                        broadcast to {} users on {}: 202 after {} ms, outbox empty after {} ms, all counts at a subscriber after {} ms""",
                        USERS, store, millis(accepted - start), published == 0 ? "-" : millis(published - start),
                        millis(received - start));
            }
        }
    }

    private static void knownUsers(JdbcTemplate jdbc) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            rows.add(new Object[] {String.format("user-%06d", i)});
        }
        jdbc.batchUpdate("INSERT INTO unread_count (user_id, unread, seq, changed_at) VALUES (?, 0, 0, 0)", rows);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
