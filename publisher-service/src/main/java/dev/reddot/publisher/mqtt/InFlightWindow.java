package dev.reddot.publisher.mqtt;

/**
 * Publications sent but not yet acknowledged, at most {@code limit} at a time. The limit shrinks to what the
 * broker allows when it turns out smaller (its Receive Maximum: Mosquitto's default is 20).
 */
final class InFlightWindow {

    private int inFlight;
    private int limit;

    InFlightWindow(int limit) {
        this.limit = limit;
    }

    /** Takes a slot; false when none freed up before the deadline (epoch millis). */
    synchronized boolean acquire(long deadline) throws InterruptedException {
        while (inFlight >= limit) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        inFlight++;
        return true;
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** Gives back a slot the broker's limit did not allow, and stays below what is in flight now. */
    synchronized void refused() {
        inFlight--;
        limit = Math.max(1, inFlight);
    }

    /** Waits until every slot is free; false when the deadline passed first. */
    synchronized boolean awaitEmpty(long deadline) throws InterruptedException {
        while (inFlight > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
