package dev.reddot.publisher.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/** A user's inbox over HTTP, with the published counts checked by a real MQTT subscriber, on each store. */
@ParameterizedClass
@EnumSource(Store.class)
class NotificationApiTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final Store store;
    private PublisherStack reddot;
    private String user;

    NotificationApiTest(Store store) {
        this.store = store;
    }

    @BeforeEach
    void stack() {
        reddot = stacks.of(store);
        user = "n-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsANotificationAndPublishesTheCountPlusOne() throws Exception {
        try (RecordingMqttClient subscriber = reddot.subscriber("/message/" + user)) {
            HttpResponse<String> response = create("{\"title\":\"Hello\",\"body\":\"World\",\"category\":\"greeting\"}");

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode created = JSON.readTree(response.body());
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("/api/users/" + user + "/notifications/" + created.get("id").asLong());
            assertThat(created.get("userId").asString()).isEqualTo(user);
            assertThat(created.get("title").asString()).isEqualTo("Hello");
            assertThat(created.get("body").asString()).isEqualTo("World");
            assertThat(created.get("category").asString()).isEqualTo("greeting");
            assertThat(created.get("read").asBoolean()).isFalse();
            assertThat(created.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

            Received count = subscriber.next(WAIT);
            assertThat(count.payload()).isEqualTo("1");
            assertThat(count.userProperties()).containsEntry("seq", "1");
            assertThat(reddot.get("/api/users/" + user + "/unread-count").body()).contains("\"count\":1", "\"seq\":1");
        }
    }

    @Test
    void listsNewestFirstInPagesAndFiltersUnread() throws Exception {
        long first = id(create("{\"title\":\"one\"}"));
        long second = id(create("{\"title\":\"two\"}"));
        long third = id(create("{\"title\":\"three\"}"));
        reddot.post(path() + "/" + second + "/read", "");

        assertThat(ids(list("?size=2"))).containsExactly(third, second);
        assertThat(list("?size=2").get("hasMore").asBoolean()).isTrue();
        assertThat(ids(list("?size=2&page=1"))).containsExactly(first);
        assertThat(list("?size=2&page=1").get("hasMore").asBoolean()).isFalse();
        assertThat(ids(list("?unread=true"))).containsExactly(third, first);
        assertThat(ids(list(""))).containsExactly(third, second, first);
    }

    @Test
    void markingReadCountsDownOnceAndIsIdempotent() throws Exception {
        long id = id(create("{\"title\":\"one\"}"));
        create("{\"title\":\"two\"}");
        try (RecordingMqttClient subscriber = reddot.subscriber("/message/" + user)) {
            awaitCount(subscriber, "2", "2");

            HttpResponse<String> read = reddot.post(path() + "/" + id + "/read", "");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).get("read").asBoolean()).isTrue();
            awaitCount(subscriber, "1", "3");

            assertThat(reddot.post(path() + "/" + id + "/read", "").statusCode()).isEqualTo(200);
            assertThat(subscriber.drain(Duration.ofMillis(700))).isEmpty();
            assertThat(reddot.get("/api/users/" + user + "/unread-count").body()).contains("\"count\":1", "\"seq\":3");
        }
    }

    @Test
    void readAllSetsTheCountToZeroAndAnswersTheCountEvent() throws Exception {
        create("{\"title\":\"one\"}");
        create("{\"title\":\"two\"}");
        try (RecordingMqttClient subscriber = reddot.subscriber("/message/" + user)) {
            HttpResponse<String> response = reddot.post(path() + "/read-all", "");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"userId\":\"" + user + "\"", "\"count\":0", "\"seq\":3");
            awaitCount(subscriber, "0", "3");
            assertThat(ids(list("?unread=true"))).isEmpty();
            assertThat(ids(list(""))).hasSize(2);
        }
    }

    @Test
    void anUnknownNotificationOrOneOfAnotherUserIsNotFound() throws Exception {
        long someoneElses = id(reddot.post("/api/users/other-" + user + "/notifications", "{\"title\":\"x\"}"));

        for (long id : new long[] {someoneElses, 987654321L}) {
            HttpResponse<String> response = reddot.post(path() + "/" + id + "/read", "");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(reddot.get("/api/users/" + user + "/unread-count").body()).contains("\"count\":0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST | /api/users/{u}/notifications            | {}                      | 400 | title must not be blank",
            "POST | /api/users/{u}/notifications            | {\"title\":\" \"}       | 400 | title must not be blank",
            "POST | /api/users/{u}/notifications            | {\"title\":7}           | 400 | must be a JSON object",
            "POST | /api/users/{u}/notifications            | [1]                     | 400 | must be a JSON object",
            "POST | /api/users/a+b/notifications            | {\"title\":\"x\"}       | 400 | Invalid id",
            "GET  | /api/users/{u}/notifications?size=0     |                         | 400 | size must be greater than or equal to 1",
            "GET  | /api/users/{u}/notifications?size=101   |                         | 400 | size must be less than or equal to 100",
            "GET  | /api/users/{u}/notifications?page=-1    |                         | 400 | page must be greater than or equal to 0",
            "GET  | /api/users/{u}/notifications?page=x     |                         | 400 | page",
            "GET  | /api/users/{u}/notifications?unread=maybe |                       | 400 | unread",
            "POST | /api/users/{u}/notifications/abc/read   |                         | 400 | id",
            "POST | /api/groups/a%23b/notifications         | {\"title\":\"x\"}       | 400 | Invalid id",
            "POST | /api/groups/g/notifications             | {\"body\":\"x\"}        | 400 | title must not be blank",
            "POST | /api/broadcasts                         | not json                | 400 | must be a JSON object",
            "PUT  | /api/groups/g/members/a%20b             |                         | 400 | Invalid id",
            "PUT  | /api/groups/g%2Fh/members/{u}           |                         | 400 | Invalid id",
            "PUT  | /api/devices/d%2B1                      | {\"owner\":\"{u}\"}     | 400 | Invalid id",
            "PUT  | /api/devices/d-1                        | {\"owner\":\"a b\"}     | 400 | Invalid id",
            "PUT  | /api/devices/d-1                        | {}                      | 400 | owner must not be null",
            "PUT  | /api/devices/d-1                        | {\"owner\":1}           | 400 | must be a JSON object",
            "GET  | /api/nowhere                            |                         | 404 | "})
    void refusesBadInputWithProblemDetails(String method, String path, String body, int status, String detail)
            throws Exception {
        String target = path.replace("{u}", user);
        String json = body == null ? "" : body.replace("{u}", user);
        HttpResponse<String> response = switch (method) {
            case "GET" -> reddot.get(target);
            case "PUT" -> reddot.put(target, json);
            default -> reddot.post(target, json);
        };

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(detail == null ? "" : detail).doesNotContain("Exception");
        assertThat(reddot.get("/api/users/" + user + "/unread-count").body()).contains("\"seq\":0");
    }

    private HttpResponse<String> create(String json) throws Exception {
        return reddot.post(path(), json);
    }

    private JsonNode list(String query) throws Exception {
        HttpResponse<String> response = reddot.get(path() + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("notifications").valueStream().map(notification -> notification.get("id").asLong()).toList();
    }

    private static long id(HttpResponse<String> created) {
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asLong();
    }

    /** The retained count may be an older one the relay had published before: wait for the expected seq. */
    private static void awaitCount(RecordingMqttClient subscriber, String count, String seq) throws Exception {
        Received received;
        do {
            received = subscriber.next(WAIT);
        } while (Long.parseLong(received.userProperties().get("seq")) < Long.parseLong(seq));
        assertThat(received.payload()).isEqualTo(count);
        assertThat(received.userProperties()).containsEntry("seq", seq);
    }

    private String path() {
        return "/api/users/" + user + "/notifications";
    }
}
