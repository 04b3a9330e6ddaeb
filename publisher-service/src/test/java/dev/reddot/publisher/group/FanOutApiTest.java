package dev.reddot.publisher.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
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
 * Group notifications and broadcasts reach every recipient exactly once, over several fan-out batches
 * ({@value SharedStacks#FAN_OUT_BATCH} recipients each): the subscriber sees one count per recipient and the
 * store agrees.
 */
@ParameterizedClass
@EnumSource(Store.class)
class FanOutApiTest {

    private static final int MEMBERS = 2 * SharedStacks.FAN_OUT_BATCH + 50;

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final Store store;
    private PublisherStack reddot;
    private String prefix;

    FanOutApiTest(Store store) {
        this.store = store;
    }

    @BeforeEach
    void stack() {
        reddot = stacks.of(store);
        prefix = "f" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    @Test
    void aGroupNotificationReachesEveryMemberOnce() throws Exception {
        List<String> members = join("team", MEMBERS);
        reddot.delete("/api/groups/" + prefix + "team/members/" + members.get(0));
        join("others", 3);
        List<String> remaining = members.subList(1, members.size());

        try (RecordingMqttClient subscriber = reddot.subscriber("/message/+")) {
            HttpResponse<String> response = reddot.post("/api/groups/" + prefix + "team/notifications",
                    "{\"title\":\"Stand-up in 5\",\"category\":\"team\"}");

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).isEqualTo("{\"recipients\":" + remaining.size() + "}");
            assertEveryoneGotOneCount(subscriber, remaining);
        }
        for (String member : List.of(remaining.get(0), remaining.get(remaining.size() - 1))) {
            assertThat(reddot.get("/api/users/" + member + "/notifications").body())
                    .contains("\"title\":\"Stand-up in 5\"", "\"category\":\"team\"");
        }
        assertThat(reddot.get("/api/users/" + members.get(0) + "/unread-count").body()).contains("\"count\":0");
        assertThat(reddot.get("/api/users/" + prefix + "others-0/unread-count").body()).contains("\"count\":0");
    }

    @Test
    void anEmptyGroupHasNoRecipients() throws Exception {
        HttpResponse<String> response = reddot.post("/api/groups/" + prefix + "nobody/notifications", "{\"title\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"recipients\":0}");
    }

    @Test
    void aBroadcastReachesEveryKnownUserOnce() throws Exception {
        List<String> members = join("all", MEMBERS);
        reddot.put("/api/devices/" + prefix + "device", "{\"owner\":\"" + prefix + "owner\"}");
        long known = reddot.database().sql("SELECT COUNT(*) FROM unread_count").query(Long.class).single();
        List<String> fresh = new ArrayList<>(members);
        fresh.add(prefix + "owner");

        try (RecordingMqttClient subscriber = reddot.subscriber("/message/+")) {
            HttpResponse<String> response = reddot.post("/api/broadcasts", "{\"title\":\"Maintenance tonight\"}");

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).isEqualTo("{\"recipients\":" + known + "}");
            assertEveryoneGotOneCount(subscriber, fresh);
        }
        assertThat(reddot.get("/api/users/" + prefix + "owner/notifications").body())
                .contains("\"title\":\"Maintenance tonight\"");
    }

    private List<String> join(String group, int count) throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String member = prefix + group + "-" + i;
            assertThat(reddot.put("/api/groups/" + prefix + group + "/members/" + member, "").statusCode()).isEqualTo(204);
            members.add(member);
        }
        return members;
    }

    /** Each user had no count before: each gets exactly one publication, count 1 with seq 1, and the store agrees. */
    private void assertEveryoneGotOneCount(RecordingMqttClient subscriber, List<String> users) throws Exception {
        Set<String> expected = Set.copyOf(users);
        Map<String, List<Received>> byUser = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (Received received : subscriber.drain(Duration.ofMillis(100))) {
                String user = received.topic().substring("/message/".length());
                if (user.startsWith(prefix)) {
                    byUser.computeIfAbsent(user, key -> new ArrayList<>()).add(received);
                }
            }
            return byUser.keySet().containsAll(expected);
        });
        for (Received late : subscriber.drain(Duration.ofMillis(500))) {
            // a broadcast also reaches the users of earlier tests, whose counts are not this test's business
            String user = late.topic().substring("/message/".length());
            if (user.startsWith(prefix)) {
                byUser.computeIfAbsent(user, key -> new ArrayList<>()).add(late);
            }
        }
        assertThat(byUser.keySet().stream().filter(user -> user.startsWith(prefix)).collect(Collectors.toSet()))
                .isEqualTo(expected);
        assertThat(byUser.entrySet()).allSatisfy(entry -> {
            assertThat(entry.getValue()).as(entry.getKey()).hasSize(1);
            assertThat(entry.getValue().get(0).payload()).isEqualTo("1");
            assertThat(entry.getValue().get(0).userProperties()).containsEntry("seq", "1");
        });
        List<Long> stored = reddot.database()
                .sql("SELECT unread FROM unread_count WHERE user_id IN (:users)").param("users", users)
                .query(Long.class).list();
        assertThat(stored).hasSize(users.size()).containsOnly(1L);
    }
}
