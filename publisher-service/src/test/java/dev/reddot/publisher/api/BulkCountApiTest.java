package dev.reddot.publisher.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/**
 * {@code POST /api/counts} against a real broker, checked with real MQTT subscribers, on each store: all changes
 * or none, every bad value named, and no deadlock or lost seq next to concurrent single changes.
 */
@ParameterizedClass
@EnumSource(Store.class)
class BulkCountApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final Store store;
    private PublisherStack reddot;

    BulkCountApiTest(Store store) {
        this.store = store;
    }

    @BeforeEach
    void stack() {
        reddot = stacks.of(store);
    }

    @Test
    void setsAndIncrementsInRequestOrderAndPublishesEachUsersNewestCount() throws Exception {
        String alice = newUser();
        String bob = newUser();
        String carol = newUser();
        assertThat(reddot.put("/api/users/" + bob + "/unread-count", "{\"count\":5}").statusCode()).isEqualTo(200);
        try (RecordingMqttClient subscriber = subscriber(alice, bob, carol)) {
            awaitRetained(subscriber, bob, "5");

            HttpResponse<String> response = bulk("{\"changes\":[{\"userId\":\"" + alice + "\",\"count\":3},"
                    + "{\"userId\":\"" + bob + "\",\"increment\":2},{\"userId\":\"" + carol + "\",\"increment\":-1},"
                    + "{\"userId\":\"" + alice + "\",\"increment\":4}],\"qos\":1,\"retain\":true}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode counts = JSON.readTree(response.body()).get("counts");
            assertThat(counts).hasSize(4);
            assertCount(counts.get(0), alice, 3, 1);
            assertCount(counts.get(1), bob, 7, 2);
            assertCount(counts.get(2), carol, 0, 1);
            assertCount(counts.get(3), alice, 7, 2);
            assertThat(counts.get(0).get("qos").asInt()).isEqualTo(1);
            assertThat(counts.get(0).get("retain").asBoolean()).isTrue();
            assertThat(counts.get(0).get("ts").asLong()).isEqualTo(counts.get(3).get("ts").asLong()).isPositive();

            Map<String, Received> newest = newestPerUser(subscriber, Map.of(alice, 2L, bob, 2L, carol, 1L));
            assertThat(newest.get(alice).payload()).isEqualTo("7");
            assertThat(newest.get(bob).payload()).isEqualTo("7");
            assertThat(newest.get(carol).payload()).isEqualTo("0");
            assertThat(newest.get(alice).userProperties()).containsEntry("seq", "2").containsKey("ts");
        }
        assertThat(get(alice)).contains("\"count\":7", "\"seq\":2");
        assertThat(get(carol)).contains("\"count\":0", "\"seq\":1");
        try (RecordingMqttClient late = reddot.subscriber("/message/" + alice)) {
            Received retained = late.next(WAIT);
            assertThat(retained.payload()).isEqualTo("7");
            assertThat(retained.retained()).isTrue();
        }
    }

    @Test
    void usesTheRequestedQosAndRetainForEveryCount() throws Exception {
        String user = newUser();
        try (RecordingMqttClient subscriber = RecordingMqttClient.connect(reddot.broker().tcpUrl())
                .subscribe("/message/" + user, 2)) {
            HttpResponse<String> response = bulk("{\"changes\":[{\"userId\":\"" + user + "\",\"count\":2}],"
                    + "\"qos\":0,\"retain\":false}");

            assertThat(response.body()).contains("\"qos\":0", "\"retain\":false");
            Received received = subscriber.next(WAIT);
            assertThat(received.payload()).isEqualTo("2");
            assertThat(received.qos()).isZero();
        }
        try (RecordingMqttClient late = reddot.subscriber("/message/" + user)) {
            assertThat(late.drain(Duration.ofMillis(700))).isEmpty();
        }
    }

    @Test
    void clampsAnIncrementThatWouldCrossABound() throws Exception {
        String high = newUser();
        String low = newUser();
        reddot.put("/api/users/" + high + "/unread-count", "{\"count\":2147483640}");

        HttpResponse<String> response = bulk("{\"changes\":[{\"userId\":\"" + high + "\",\"increment\":100},"
                + "{\"userId\":\"" + low + "\",\"increment\":-2147483647},"
                + "{\"userId\":\"" + low + "\",\"increment\":1}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode counts = JSON.readTree(response.body()).get("counts");
        assertCount(counts.get(0), high, 2147483647, 2);
        assertCount(counts.get(1), low, 0, 1);
        assertCount(counts.get(2), low, 1, 2);
    }

    @Test
    void refusesEveryBadValueByNameAndAppliesNothing() throws Exception {
        String good = newUser();
        String alsoGood = newUser();
        try (RecordingMqttClient subscriber = subscriber(good, alsoGood)) {
            HttpResponse<String> response = bulk("{\"changes\":["
                    + "{\"userId\":\"" + good + "\",\"count\":3},"
                    + "{\"userId\":\"a b\",\"count\":1},"
                    + "{\"userId\":\"" + alsoGood + "\",\"count\":1,\"increment\":1},"
                    + "{\"userId\":\"" + alsoGood + "\"},"
                    + "{\"count\":-1},"
                    + "{\"userId\":\"" + good + "\",\"increment\":2147483648},"
                    + "null],\"qos\":3}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("title").asString()).isEqualTo("Invalid count changes");
            assertThat(problem.get("instance").asString()).isEqualTo("/api/counts");
            assertThat(problem.get("detail").asString()).startsWith("Nothing was applied: qos must be less than")
                    .contains("changes[1].userId must be 1 to 64 characters", "(and 3 more)");
            assertThat(errors(problem)).containsExactly(
                    "-:qos:must be less than or equal to 2",
                    "1:userId:must be 1 to 64 characters of A-Z a-z 0-9 _ . @ -",
                    "2:increment:must not be given together with count",
                    "3:count:must be given, or else increment",
                    "4:userId:must not be null",
                    "4:count:must be greater than or equal to 0",
                    "5:increment:must be less than or equal to 2147483647",
                    "6:-:must be an object such as {\"userId\":\"alice\",\"count\":3}"
                            + " or {\"userId\":\"bob\",\"increment\":1}");

            assertThat(subscriber.drain(Duration.ofMillis(700))).isEmpty();
        }
        assertThat(get(good)).contains("\"count\":0", "\"seq\":0");
        assertThat(get(alsoGood)).contains("\"count\":0", "\"seq\":0");
    }

    @Test
    void namesTheChangeABodyCannotBeReadAt() throws Exception {
        String good = newUser();
        HttpResponse<String> response = bulk("{\"changes\":[{\"userId\":\"" + good + "\",\"count\":3},"
                + "{\"userId\":\"" + good + "\",\"increment\":\"1\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("Unreadable request body");
        assertThat(problem.get("detail").asString()).contains("(at changes[1].increment)", "nothing was applied");
        assertThat(errors(problem)).containsExactly(
                "1:increment:must be a whole number from -2147483647 to 2147483647");
        assertThat(get(good)).contains("\"seq\":0");
    }

    @Test
    void refusesMoreThanTheMaximumNumberOfChanges() throws Exception {
        String prefix = newUser() + "-";
        HttpResponse<String> response = bulk(increments(prefix, 10_001));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Too many changes\"", "at most 10000 changes",
                "this one has 10001");
        assertThat(get(prefix + 0)).contains("\"seq\":0");
    }

    @Test
    void appliesTheMaximumNumberOfChangesInOneRequest() throws Exception {
        String prefix = newUser() + "-";
        HttpResponse<String> response = bulk(increments(prefix, 10_000));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode counts = JSON.readTree(response.body()).get("counts");
        assertThat(counts).hasSize(10_000);
        assertCount(counts.get(9_999), prefix + 9_999, 1, 1);
        assertThat(get(prefix + 4_321)).contains("\"count\":1", "\"seq\":1");
    }

    @Test
    void anEmptyListChangesNothing() throws Exception {
        HttpResponse<String> response = bulk("{\"changes\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"counts\":[]}");
    }

    @Test
    void refusesAChangeFromAForeignPageInOpenMode() throws Exception {
        String user = newUser();
        HttpResponse<String> response = reddot.post("/api/counts",
                "{\"changes\":[{\"userId\":\"" + user + "\",\"count\":3}]}", Map.of("Origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"title\":\"Foreign origin\"");
        assertThat(get(user)).contains("\"seq\":0");
    }

    /**
     * Bulk changes over overlapping users, their users in random order and some twice, next to single PUTs of the
     * same users: no request fails (a deadlock would fail one), every user takes every seq once, and each count follows
     * from the one before it. With group commit off every request runs in a transaction of its own.
     */
    @ParameterizedTest(name = "group commit {0}")
    @ValueSource(booleans = {true, false})
    void concurrentBulkChangesAndPutsNeitherDeadlockNorLoseAChange(boolean groupCommit) throws Exception {
        if (groupCommit) {
            concurrentBulkChangesAndPuts(reddot);
        } else {
            try (PublisherStack alone = stacks.ownStack(store, Map.of("reddot.group-commit.enabled", "false"))) {
                concurrentBulkChangesAndPuts(alone);
            }
        }
    }

    private void concurrentBulkChangesAndPuts(PublisherStack reddot) throws Exception {
        String prefix = newUser() + "-";
        List<String> users = IntStream.range(0, 12).mapToObj(i -> prefix + i).toList();
        Map<String, List<Change>> changes = new ConcurrentHashMap<>();
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try (RecordingMqttClient subscriber = subscriber(reddot, users.toArray(String[]::new))) {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 6; thread++) {
                Random random = new Random(thread);
                done.add(requests.submit(() -> {
                    for (int request = 0; request < 15; request++) {
                        List<String> entries = new ArrayList<>(users);
                        entries.addAll(users.subList(0, 4));
                        Collections.shuffle(entries, random);
                        String body = entries.stream().map(user -> "{\"userId\":\"" + user + "\",\"increment\":1}")
                                .collect(Collectors.joining(",", "{\"changes\":[", "]}"));
                        HttpResponse<String> response = reddot.post("/api/counts", body);
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        for (JsonNode count : JSON.readTree(response.body()).get("counts")) {
                            record(changes, count, null);
                        }
                    }
                    return null;
                }));
            }
            for (int thread = 0; thread < 2; thread++) {
                Random random = new Random(100 + thread);
                done.add(requests.submit(() -> {
                    for (int request = 0; request < 40; request++) {
                        long value = random.nextInt(50);
                        HttpResponse<String> response = reddot.put(
                                "/api/users/" + users.get(random.nextInt(users.size())) + "/unread-count",
                                "{\"count\":" + value + "}");
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        record(changes, JSON.readTree(response.body()), value);
                    }
                    return null;
                }));
            }
            for (Future<?> request : done) {
                request.get(120, TimeUnit.SECONDS);
            }

            Map<String, Long> lastSeqs = new HashMap<>();
            Map<String, Long> lastCounts = new HashMap<>();
            for (String user : users) {
                List<Change> ofUser = changes.get(user);
                ofUser.sort(Comparator.comparingLong(Change::seq));
                long count = 0;
                for (int i = 0; i < ofUser.size(); i++) {
                    Change change = ofUser.get(i);
                    assertThat(change.seq()).as("seq of change %d of %s", i, user).isEqualTo(i + 1);
                    count = change.setTo() != null ? change.setTo() : count + 1;
                    assertThat(change.count()).as("count at seq %d of %s", change.seq(), user).isEqualTo(count);
                }
                lastSeqs.put(user, (long) ofUser.size());
                lastCounts.put(user, count);
                assertThat(reddot.get("/api/users/" + user + "/unread-count").body())
                        .contains("\"count\":" + count + ",", "\"seq\":" + ofUser.size() + ",");
            }
            Map<String, Received> newest = newestPerUser(subscriber, lastSeqs);
            users.forEach(user -> assertThat(newest.get(user).payload()).isEqualTo(lastCounts.get(user).toString()));
        } finally {
            requests.shutdownNow();
        }
    }

    private record Change(long seq, long count, Long setTo) {
    }

    private static void record(Map<String, List<Change>> changes, JsonNode count, Long setTo) {
        changes.computeIfAbsent(count.get("userId").asString(), user -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Change(count.get("seq").asLong(), count.get("count").asLong(), setTo));
    }

    private static String increments(String prefix, int users) {
        return IntStream.range(0, users).mapToObj(i -> "{\"userId\":\"" + prefix + i + "\",\"increment\":1}")
                .collect(Collectors.joining(",", "{\"changes\":[", "]}"));
    }

    /** The errors of a problem as {@code index:field:reason}, {@code -} for a missing index or field. */
    private static List<String> errors(JsonNode problem) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : problem.get("errors")) {
            String index = error.has("index") ? error.get("index").asString() : "-";
            String field = error.has("field") ? error.get("field").asString() : "-";
            errors.add(index + ":" + field + ":" + error.get("reason").asString());
        }
        return errors;
    }

    private static void assertCount(JsonNode count, String user, long value, long seq) {
        assertThat(count.get("userId").asString()).isEqualTo(user);
        assertThat(count.get("count").asLong()).as("count of %s", user).isEqualTo(value);
        assertThat(count.get("seq").asLong()).as("seq of %s", user).isEqualTo(seq);
    }

    private RecordingMqttClient subscriber(String... users) throws Exception {
        return subscriber(reddot, users);
    }

    private static RecordingMqttClient subscriber(PublisherStack reddot, String... users) throws Exception {
        RecordingMqttClient subscriber = RecordingMqttClient.connect(reddot.broker().tcpUrl());
        for (String user : users) {
            subscriber.subscribe("/message/" + user, 1);
        }
        return subscriber;
    }

    private static void awaitRetained(RecordingMqttClient subscriber, String user, String payload) throws Exception {
        Received received = subscriber.next(WAIT);
        assertThat(received.topic()).isEqualTo("/message/" + user);
        assertThat(received.payload()).isEqualTo(payload);
    }

    /** Each user's message with the highest seq, once every user's has reached the given seq. */
    private static Map<String, Received> newestPerUser(RecordingMqttClient subscriber, Map<String, Long> seqs) {
        Map<String, Received> newest = new HashMap<>();
        await().atMost(WAIT).until(() -> {
            for (Received received : subscriber.drain(Duration.ofMillis(100))) {
                String user = received.topic().substring("/message/".length());
                Received before = newest.get(user);
                if (before == null || seq(received) > seq(before)) {
                    newest.put(user, received);
                }
            }
            return seqs.entrySet().stream().allMatch(
                    entry -> newest.containsKey(entry.getKey()) && seq(newest.get(entry.getKey())) == entry.getValue());
        });
        return newest;
    }

    private static long seq(Received received) {
        return Long.parseLong(received.userProperties().get("seq"));
    }

    private HttpResponse<String> bulk(String body) throws Exception {
        return reddot.post("/api/counts", body);
    }

    private String get(String user) throws Exception {
        return reddot.get("/api/users/" + user + "/unread-count").body();
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
