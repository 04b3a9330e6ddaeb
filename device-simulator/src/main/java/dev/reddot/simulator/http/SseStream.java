package dev.reddot.simulator.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * One open {@code text/event-stream} response, read line by line by the JDK's asynchronous HTTP client: thousands
 * of streams share its selector thread and a small executor.
 */
public final class SseStream {

    private final SseEventParser parser = new SseEventParser();
    private final Consumer<SseEvent> onEvent;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;

    private SseStream(Consumer<SseEvent> onEvent) {
        this.onEvent = onEvent;
    }

    /**
     * Sends the GET; completes once the response headers say 200, fails on another status or no connection.
     *
     * @param onEvent called with each event, on one of the HTTP client's threads
     */
    public static CompletableFuture<SseStream> open(HttpClient client, URI uri, Map<String, String> headers,
                                                    Consumer<SseEvent> onEvent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        SseStream stream = new SseStream(onEvent);
        CompletableFuture<SseStream> opened = new CompletableFuture<>();
        client.sendAsync(request.build(), response -> {
            if (response.statusCode() != 200) {
                opened.completeExceptionally(new IOException("GET " + uri + " answered " + response.statusCode()));
                return HttpResponse.BodySubscribers.discarding();
            }
            opened.complete(stream);
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new LineSubscriber());
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                opened.completeExceptionally(failure);
                stream.ended.completeExceptionally(failure);
            } else {
                stream.ended.complete(null);
            }
        });
        return opened;
    }

    /** Completes when the server ends the stream, exceptionally when the connection fails. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** Stops reading; the connection closes. */
    public void close() {
        closed = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private final class LineSubscriber implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            SseStream.this.subscription = subscription;
            if (closed) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            parser.line(line).ifPresent(onEvent);
        }

        @Override
        public void onError(Throwable failure) {
            ended.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
