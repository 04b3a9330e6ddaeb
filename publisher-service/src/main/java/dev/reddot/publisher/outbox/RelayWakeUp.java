package dev.reddot.publisher.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/** Tells the relay that counts were committed, so that it publishes them now instead of at its next poll. */
@Component
class RelayWakeUp {

    private final Semaphore signal = new Semaphore(0);

    void wake() {
        // one pending permit is enough: a pass publishes everything committed before it starts
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    void await(Duration timeout) throws InterruptedException {
        if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            signal.drainPermits();
        }
    }
}
