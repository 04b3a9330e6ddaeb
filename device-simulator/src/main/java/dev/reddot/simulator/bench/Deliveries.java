package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Waiting for deliveries that may never all come: stop when they are complete or have stalled. */
final class Deliveries {

    private Deliveries() {
    }

    /**
     * Returns when {@code received} reaches {@code expected}, or when it has not moved for {@code stall}.
     *
     * @return true when all arrived
     */
    static boolean await(LongSupplier received, long expected, Duration stall) throws InterruptedException {
        long last = received.getAsLong();
        long lastChange = System.nanoTime();
        while (last < expected) {
            TimeUnit.MILLISECONDS.sleep(5);
            long now = received.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                return false;
            }
        }
        return true;
    }
}
