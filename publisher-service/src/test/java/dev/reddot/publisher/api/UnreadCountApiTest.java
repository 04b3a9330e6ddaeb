package dev.reddot.publisher.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/** The unread-count API against a real broker, checked with real MQTT subscribers, on each store. */
@ParameterizedClass
@EnumSource(Store.class)
class UnreadCountApiTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final Store store;
    private PublisherStack reddot;

    UnreadCountApiTest(Store store) {
        this.store = store;
    }

    @BeforeEach
    void stack() {
        reddot = stacks.of(store);
    }

    @Test
    void publishesTheCountWithSeqTsAndContentType() throws Exception {
        String user = newUser();
        try (RecordingMqttClient subscriber = reddot.subscriber("/message/" + user)) {
            HttpResponse<String> response = put(user, "{\"count\":3}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"userId\":\"" + user + "\"", "\"count\":3", "\"seq\":1",
                    "\"qos\":1", "\"retain\":true");
            Received received = subscriber.next(WAIT);
            assertThat(received.payload()).isEqualTo("3");
            assertThat(received.qos()).isEqualTo(1);
            assertThat(received.userProperties()).containsEntry("seq", "1").containsKey("ts");
            assertThat(Long.parseLong(received.userProperties().get("ts")))
                    .isCloseTo(System.currentTimeMillis(), within(60_000L));
            assertThat(received.contentType()).isEqualTo("text/plain");
            assertThat(received.payloadIsUtf8()).isTrue();
        }
    }

    @Test
    void concurrentChangesShareCommitsAndEachUserTakesEverySeqOnce() throws Exception {
        List<String> users = List.of(newUser(), newUser(), newUser(), newUser(), newUser());
        int perUser = 20;
        ExecutorService requests = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < perUser; i++) {
                for (String user : users) {
                    int count = i;
                    answers.add(requests.submit(() -> put(user, "{\"count\":" + count + "}")));
                }
            }
            Map<String, Set<Long>> seqs = new HashMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                String user = response.body().replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1");
                long seq = Long.parseLong(response.body().replaceAll(".*\"seq\":(\\d+).*", "$1"));
                assertThat(seqs.computeIfAbsent(user, u -> new HashSet<>()).add(seq)).as("seq %d of %s", seq, user)
                        .isTrue();
            }
            for (String user : users) {
                assertThat(seqs.get(user)).hasSize(perUser).allMatch(seq -> seq >= 1 && seq <= perUser);
                assertThat(get(user).body()).contains("\"seq\":" + perUser);
            }
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void aLaterSubscriberGetsTheRetainedCount() throws Exception {
        String user = newUser();
        try (RecordingMqttClient live = reddot.subscriber("/message/" + user)) {
            put(user, "{\"count\":3}");
            put(user, "{\"count\":4}");
            // the second count may replace the first before it is published: wait for the last one
            while (!live.next(WAIT).payload().equals("4")) {
                // an older count, published before the newer one was committed
            }
        }

        try (RecordingMqttClient late = reddot.subscriber("/message/" + user)) {
            Received retained = late.next(WAIT);
            assertThat(retained.payload()).isEqualTo("4");
            assertThat(retained.retained()).isTrue();
            assertThat(retained.userProperties()).containsEntry("seq", "2");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void deliversAtTheRequestedQos(int qos) throws Exception {
        String user = newUser();
        try (RecordingMqttClient subscriber = RecordingMqttClient.connect(reddot.broker().tcpUrl())
                .subscribe("/message/" + user, 2)) {
            assertThat(put(user, "{\"count\":5,\"qos\":" + qos + "}").body()).contains("\"qos\":" + qos);

            Received received = subscriber.next(WAIT);
            assertThat(received.payload()).isEqualTo("5");
            assertThat(received.qos()).isEqualTo(qos);
        }
    }

    @Test
    void aCountPublishedWithoutRetainIsNotRetained() throws Exception {
        String user = newUser();
        try (RecordingMqttClient live = reddot.subscriber("/message/" + user)) {
            assertThat(put(user, "{\"count\":2,\"retain\":false}").body()).contains("\"retain\":false");
            assertThat(live.next(WAIT).payload()).isEqualTo("2");
        }
        try (RecordingMqttClient late = reddot.subscriber("/message/" + user)) {
            assertThat(late.drain(Duration.ofMillis(700))).isEmpty();
        }
    }

    @Test
    void answersTheCurrentCountAndZeroForAnUnknownUser() throws Exception {
        String user = newUser();
        assertThat(get(user).body()).isEqualTo("{\"userId\":\"" + user + "\",\"count\":0,\"seq\":0,\"ts\":0}");

        put(user, "{\"count\":9}");
        put(user, "{\"count\":0}");

        HttpResponse<String> current = get(user);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.body()).contains("\"count\":0", "\"seq\":2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b", "a%23b", "a%2Fb", "a%20b", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde"})
    void refusesBadUserIds(String userId) throws Exception {
        HttpResponse<String> response = put(userId, "{\"count\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Invalid id\"", "A-Z a-z 0-9 _ . @ -");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"count\":-1}                | count must be greater than or equal to 0",
            "{\"count\":2147483648}        | count must be less than or equal to 2147483647",
            "{\"count\":1,\"qos\":3}       | qos must be less than or equal to 2",
            "{}                            | count must not be null",
            "not json                      | must be a JSON object",
            "{\"count\":1.5}               | must be a JSON object",
            "{\"count\":\"1\"}             | must be a JSON object",
            "{\"count\":1,\"retain\":\"no\"} | must be a JSON object"})
    void refusesBadBodies(String body, String detail) throws Exception {
        String user = newUser();
        HttpResponse<String> response = put(user, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(detail).doesNotContain("Exception");
        assertThat(get(user).body()).contains("\"seq\":0");
    }

    private HttpResponse<String> put(String userId, String body) throws Exception {
        return reddot.put("/api/users/" + userId + "/unread-count", body);
    }

    private HttpResponse<String> get(String userId) throws Exception {
        return reddot.get("/api/users/" + userId + "/unread-count");
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
