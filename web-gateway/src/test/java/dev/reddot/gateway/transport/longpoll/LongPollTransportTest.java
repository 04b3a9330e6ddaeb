package dev.reddot.gateway.transport.longpoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.reddot.gateway.transport.GatewayOnBroker;

/**
 * Long polling: an answer at once when the count is already newer, a wait for the next change otherwise, {@code since}
 * from {@code If-None-Match}, and many waiters on one user all answered.
 */
class LongPollTransportTest extends GatewayOnBroker {

    @Test
    void longPollAnswersAtOnceWhenTheCountIsAlreadyNewer() throws Exception {
        String user = newUser();
        publishCount(user, 3, 2);
        awaitCount(user, 2);

        HttpResponse<String> response = get("/push/long-poll/" + user + "?since=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(response.body()).contains("\"count\":3", "\"seq\":2");
    }

    @Test
    void longPollWaitsForTheNextChange() throws Exception {
        String user = newUser();
        CompletableFuture<HttpResponse<String>> waiting = getAsync("/push/long-poll/" + user + "?since=0&timeout=20");
        await().atMost(WAIT).until(() -> open().get("long-poll") >= 1);
        assertThat(waiting).isNotDone();

        publishCount(user, 8, 1);

        HttpResponse<String> response = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"count\":8", "\"seq\":1");
    }

    @Test
    void longPollTakesSinceFromIfNoneMatch() throws Exception {
        String user = newUser();
        publishCount(user, 3, 2);
        awaitCount(user, 2);

        HttpResponse<String> response = get("/push/long-poll/" + user + "?timeout=1", "If-None-Match", "\"2\"");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void manyWaitersOnOneUserAllAnswer() throws Exception {
        String user = newUser();
        List<CompletableFuture<HttpResponse<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiters.add(getAsync("/push/long-poll/" + user + "?since=0&timeout=20"));
        }
        await().atMost(WAIT).until(() -> open().get("long-poll") >= 50);

        publishCount(user, 1, 1);

        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(waiters).allSatisfy(waiter -> assertThat(waiter.join().body()).contains("\"seq\":1"));
        await().atMost(WAIT).until(() -> open().get("long-poll") == 0);
    }
}
