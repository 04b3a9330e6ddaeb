package dev.reddot.simulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.reddot.simulator.http.SseStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the SSE streams of many users on the gateway, a bounded number at a time, as {@code bench sse} and
 * {@code bench rest} do. */
final class StreamOpening {

    private static final Logger log = LoggerFactory.getLogger(StreamOpening.class);

    /** Streams being opened at once, like the MQTT connector: a burst of connects overflows an accept backlog. */
    private static final int OPENING_AT_ONCE = 256;

    private StreamOpening() {
    }

    /**
     * Opens {@code GET <gateway>/push/sse/<user>} for every user and waits for each user's current count; a user
     * whose stream did not open or sent no count within {@code timeout} is skipped.
     *
     * @return the streams that got the current count
     */
    static List<SseStream> openAll(HttpClient http, URI gateway, Map<String, String> headers,
                                   List<? extends StreamedUser> users, Duration timeout) throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        List<CompletableFuture<SseStream>> pending = new ArrayList<>(users.size());
        for (StreamedUser user : users) {
            opening.acquire();
            CompletableFuture<SseStream> stream = SseStream.open(http, endpoint(gateway, "/push/sse/" + user.userId),
                    headers, user::received);
            stream.whenComplete((opened, failure) -> {
                opening.release();
                if (failure != null) {
                    user.current.completeExceptionally(failure);
                } else {
                    opened.ended().whenComplete((ended, broken) -> user.current.completeExceptionally(
                            new IllegalStateException("the stream ended before the current count")));
                }
            });
            pending.add(stream.thenCombine(user.current, (opened, count) -> opened));
        }
        List<SseStream> streams = new ArrayList<>(pending.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < pending.size(); i++) {
            try {
                streams.add(pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                log.warn("stream of {} did not open: {}", users.get(i).userId, e.toString());
                users.get(i).skip();
            }
        }
        return streams;
    }

    /** The base URL may carry a path of its own (behind a proxy); keep it. */
    static URI endpoint(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
