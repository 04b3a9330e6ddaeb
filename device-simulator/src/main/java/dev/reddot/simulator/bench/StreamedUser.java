package dev.reddot.simulator.bench;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import dev.reddot.simulator.http.SseEvent;

/**
 * A user whose SSE stream a benchmark holds: the stream's first count event is the user's current count, every
 * later one a change.
 */
abstract class StreamedUser {

    final String userId;
    final CompletableFuture<Long> current = new CompletableFuture<>();

    StreamedUser(String userId) {
        this.userId = userId;
    }

    /** True once the stream opened and sent the current count. */
    boolean streaming() {
        return current.isDone() && !current.isCompletedExceptionally();
    }

    void skip() {
        current.cancel(false);
    }

    /** Called on one of the HTTP client's threads for every event of the stream. */
    final void received(SseEvent event) {
        long now = System.nanoTime();
        if (!"count".equals(event.type())) {
            return;
        }
        OptionalLong count = JsonFields.number(event.data(), "count");
        if (count.isEmpty()) {
            return;
        }
        OptionalLong seq = JsonFields.number(event.data(), "seq");
        if (!current.isDone()) {
            started(seq.orElse(0));
            current.complete(count.getAsLong());
        } else {
            changed(count.getAsLong(), seq.orElse(0), now);
        }
    }

    /** The current count arrived, with this seq; before {@link #current} completes. */
    void started(long seq) {
    }

    /** A change arrived at {@code nanos} ({@link System#nanoTime()}). */
    abstract void changed(long count, long seq, long nanos);
}
