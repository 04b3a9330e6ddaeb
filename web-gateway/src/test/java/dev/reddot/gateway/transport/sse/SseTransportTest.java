package dev.reddot.gateway.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reddot.gateway.transport.GatewayOnBroker;
import dev.reddot.gateway.transport.SseStream;

/**
 * SSE: the retry field and the current count first, every change after it, heartbeat comments, and no replay of
 * what a reconnecting browser already has ({@code Last-Event-ID}).
 */
class SseTransportTest extends GatewayOnBroker {

    @Test
    void sseStartsWithRetryAndTheCurrentCountThenEveryChange() throws Exception {
        String user = newUser();
        publishCount(user, 1, 1);
        awaitCount(user, 1);

        try (SseStream stream = SseStream.open(port, "/push/sse/" + user)) {
            assertThat(stream.head(WAIT)).contains("HTTP/1.1 200 ", "Content-Type: text/event-stream;charset=UTF-8");
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            assertThat(stream.nextEvent(WAIT)).containsExactly("event: count", "id: 1",
                    "data: {\"userId\":\"" + user + "\",\"count\":1,\"seq\":1,\"ts\":1001}");

            publishCount(user, 2, 2);

            assertThat(stream.nextEvent(WAIT)).containsExactly("event: count", "id: 2",
                    "data: {\"userId\":\"" + user + "\",\"count\":2,\"seq\":2,\"ts\":1002}");
        }
    }

    @Test
    void sseSendsHeartbeatComments() throws Exception {
        try (SseStream stream = SseStream.open(port, "/push/sse/" + newUser())) {
            stream.head(WAIT);
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            // the user's count (0 once the wait for a retained count is over: this user has none) comes between them
            List<List<String>> blocks = List.of(stream.nextBlock(WAIT), stream.nextBlock(WAIT), stream.nextBlock(WAIT));
            assertThat(blocks).filteredOn(block -> block.get(0).startsWith("event: count")).hasSize(1);
            assertThat(blocks).filteredOn(block -> block.size() == 1 && block.get(0).startsWith(":")).hasSize(2);
        }
    }

    @Test
    void sseReconnectingWithTheCurrentLastEventIdReplaysNothingOld() throws Exception {
        String user = newUser();
        publishCount(user, 6, 3);
        awaitCount(user, 3);

        try (SseStream stream = SseStream.open(port, "/push/sse/" + user, "Last-Event-ID: 3")) {
            stream.head(WAIT);
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            publishCount(user, 7, 4);

            assertThat(stream.nextEvent(WAIT)).contains("id: 4");
        }
    }

    @Test
    void sseReconnectingToAGatewayNotServingTheUserYetReplaysNothingOld() throws Exception {
        String user = newUser();
        publishCount(user, 6, 3);

        try (SseStream stream = SseStream.open(port, "/push/sse/" + user, "Last-Event-ID: 3")) {
            stream.head(WAIT);
            assertThat(stream.nextBlock(WAIT)).containsExactly("retry: 3000");
            publishCount(user, 7, 4);

            assertThat(stream.nextEvent(WAIT)).contains("id: 4");
        }
    }
}
