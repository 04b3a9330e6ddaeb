package dev.reddot.gateway.transport.longpoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.GatewayOnBroker;
import dev.reddot.gateway.transport.RawHttp;

/**
 * Long polling: an answer at once when the count is already newer, a wait for the next change otherwise, {@code since}
 * from {@code If-None-Match}, and many waiters on one user all answered. A poll that waits does so on its handed-over
 * socket: its answer, written by the gateway itself, has the head an immediate answer has, and ends with the connection.
 */
class LongPollTransportTest extends GatewayOnBroker {

    /** Headers that say how this one message is framed, not what it is. */
    private static final Set<String> FRAMING = Set.of("connection", "content-length", "date", "transfer-encoding");

    @Autowired
    Hub hub;

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

    @Test
    void aWaitedAnswerHasTheHeadOfAnImmediateOneAndEndsWithItsConnection() throws Exception {
        String user = newUser();
        publishCount(user, 3, 1);
        awaitCount(user, 1);
        String at = "GET /push/long-poll/" + user + "?since=%d&timeout=%d HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Origin: http://127.0.0.1:" + port + "\r\n\r\n";
        String immediate = exchange(at.formatted(0, 20), "\r\n0\r\n\r\n");

        try (Socket waiting = send(at.formatted(1, 20))) {
            await().atMost(WAIT).until(() -> open().get("long-poll") >= 1);
            publishCount(user, 4, 2);
            String waited = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(waited).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nConnection: close\r\n")
                    .containsIgnoringCase("\r\nContent-Length: " + body(waited).length() + "\r\n")
                    .doesNotContainIgnoringCase("Transfer-Encoding");
            assertThat(body(waited)).startsWith("{\"userId\":\"" + user + "\",\"count\":4,\"seq\":2,\"ts\":")
                    .endsWith("}");
            assertThat(headers(waited)).containsEntry("etag", List.of("\"2\""))
                    .isEqualTo(withEtag(headers(immediate), "\"2\""));
        }
        try (Socket timedOut = send(at.formatted(2, 1))) {
            String notModified = new String(timedOut.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(notModified).startsWith("HTTP/1.1 304").endsWith("\r\n\r\n")
                    .containsIgnoringCase("\r\nConnection: close\r\n");
            Map<String, List<String>> expected = withEtag(headers(immediate), "\"2\"");
            expected.remove("content-type");
            assertThat(headers(notModified)).isEqualTo(expected);
        }
    }

    @Test
    void aWaitingPollIsAnsweredNotModifiedWhenTheGatewayStops() throws Exception {
        String user = newUser();
        publishCount(user, 5, 3);
        awaitCount(user, 3);
        CompletableFuture<HttpResponse<String>> waiting = getAsync("/push/long-poll/" + user + "?since=3&timeout=30");
        await().atMost(WAIT).until(() -> open().get("long-poll") >= 1);

        hub.closeAll();

        HttpResponse<String> response = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"3\"");
    }

    private Socket send(String request) throws IOException {
        return RawHttp.send(port, request, WAIT.multipliedBy(4));
    }

    /** Sends the request and reads its answer up to and including {@code end}, on a connection that stays open. */
    private String exchange(String request, String end) throws IOException {
        try (Socket socket = send(request)) {
            return RawHttp.readUntil(socket.getInputStream(), end);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** Each header's values, by lower-case name, without the status line and the framing headers. */
    private static Map<String, List<String>> headers(String response) {
        Map<String, List<String>> headers = new TreeMap<>();
        Arrays.stream(response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")).skip(1).forEach(line -> {
            String name = line.substring(0, line.indexOf(':')).toLowerCase();
            if (!FRAMING.contains(name)) {
                headers.computeIfAbsent(name, key -> new ArrayList<>()).add(line.substring(line.indexOf(':') + 1).trim());
            }
        });
        return headers;
    }

    private static Map<String, List<String>> withEtag(Map<String, List<String>> headers, String etag) {
        Map<String, List<String>> changed = new TreeMap<>(headers);
        changed.put("etag", List.of(etag));
        return changed;
    }
}
