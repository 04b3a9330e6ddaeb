package dev.reddot.publisher.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/**
 * Changes succeed while the broker is down, and their counts are published once it is back, also by a
 * publisher restarted in between. Each test has a broker and publisher of its own, as it stops them.
 */
@ParameterizedClass
@EnumSource(Store.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final Store store;
    private PublisherStack reddot;

    OutboxRelayTest(Store store) {
        this.store = store;
    }

    @AfterEach
    void close() {
        if (reddot != null) {
            reddot.close();
        }
    }

    @Test
    void changesSucceedWhileTheBrokerIsDownAndArePublishedWhenItIsBack() throws Exception {
        reddot = stacks.ownStack(store);
        reddot.put("/api/users/alice/unread-count", "{\"count\":1}");
        awaitRetained("alice", "1", "1");

        reddot.broker().stop();
        assertThat(reddot.put("/api/users/alice/unread-count", "{\"count\":5}").statusCode()).isEqualTo(200);
        assertThat(reddot.post("/api/users/alice/notifications", "{\"title\":\"While down\"}").statusCode()).isEqualTo(201);
        assertThat(reddot.post("/api/users/bob/notifications", "{\"title\":\"While down\"}").statusCode()).isEqualTo(201);
        assertThat(reddot.bean(CountOutbox.class).size()).isEqualTo(3);
        reddot.broker().start();

        awaitRetained("alice", "6", "3");
        awaitRetained("bob", "1", "1");
        await().atMost(WAIT).until(() -> reddot.bean(CountOutbox.class).size() == 0);
    }

    @Test
    void aRestartedPublisherPublishesWhatWasPending() throws Exception {
        reddot = stacks.ownStack(store);
        reddot.broker().stop();
        assertThat(reddot.post("/api/users/carol/notifications", "{\"title\":\"one\"}").statusCode()).isEqualTo(201);
        assertThat(reddot.post("/api/users/carol/notifications", "{\"title\":\"two\"}").statusCode()).isEqualTo(201);
        reddot.stopPublisher();

        reddot.broker().start();
        try (RecordingMqttClient subscriber = reddot.subscriber("/message/carol")) {
            assertThat(subscriber.drain(Duration.ofMillis(500))).isEmpty();
            reddot.startPublisher();

            Received count = subscriber.next(WAIT);
            assertThat(count.payload()).isEqualTo("2");
            assertThat(count.userProperties()).containsEntry("seq", "2");
        }
        assertThat(reddot.bean(CountOutbox.class).size()).isZero();
        assertThat(reddot.get("/api/users/carol/unread-count").body()).contains("\"count\":2", "\"seq\":2");
    }

    private void awaitRetained(String user, String count, String seq) {
        await().atMost(WAIT).untilAsserted(() -> {
            try (RecordingMqttClient late = reddot.subscriber("/message/" + user)) {
                Received retained = late.next(Duration.ofSeconds(2));
                assertThat(retained.payload()).isEqualTo(count);
                assertThat(retained.userProperties()).containsEntry("seq", seq);
            }
        });
    }
}
