package dev.reddot.broker.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An open {@code text/event-stream} whose {@code data:} lines a test waits for, each stamped when it arrived; for the
 * tests of the all-in-one and of the cluster, which reach the gateway over HTTP.
 */
public final class SseStream implements AutoCloseable {

    /** A {@code data:} line and {@link System#nanoTime()} when it was read. */
    public record DataLine(String data, long receivedNanos) {
    }

    private final BlockingQueue<DataLine> data = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    private SseStream(HttpClient http, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("data:")) {
                    data.add(new DataLine(line.substring("data:".length()).strip(), System.nanoTime()));
                }
            }

            @Override
            public void onError(Throwable throwable) {
                // the stream ended abruptly (a stopped gateway); ended() tells the test
            }

            @Override
            public void onComplete() {
                // the server ended the stream
            }
        }));
    }

    public static SseStream open(HttpClient http, String url) {
        return new SseStream(http, url);
    }

    public DataLine next(Duration timeout) throws InterruptedException {
        DataLine line = data.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("No SSE data line within " + timeout);
        }
        return line;
    }

    /** The next data line that contains the text, skipping others (a heartbeat-free stream may repeat a count). */
    public DataLine nextContaining(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            DataLine line = left > 0 ? data.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("No SSE data line containing " + text + " within " + timeout);
            }
            if (line.data().contains(text)) {
                return line;
            }
        }
    }

    /** True once the response body has ended, normally or not. */
    public boolean ended() {
        return response.isDone();
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
