package dev.reddot.broker.pipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether a count kept from the broker's store has read the store yet. Moquette opens its listeners before Reddot can
 * read its store; a CONNECT judged in between would be judged on an empty count, so it waits (for at most
 * {@link #LONGEST_WAIT}).
 */
final class LoadedFromStore {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final CountDownLatch loaded = new CountDownLatch(1);

    void done() {
        loaded.countDown();
    }

    /** Waits until the store has been read; false if it was not within the longest wait. */
    boolean await() {
        try {
            return loaded.await(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
