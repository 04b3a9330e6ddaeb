package dev.reddot.broker.pipeline;

/**
 * A token bucket (of permits, to keep it apart from access tokens): {@code burst} permits at first, refilled at
 * {@code perSecond} up to {@code burst}. Shared by the connections of one subject, which run on different event loops:
 * every use is synchronized (uncontended but for a subject with several connections publishing at once).
 */
final class PermitBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double burst;
    private double permits;
    private long refilledAt;

    PermitBucket(int perSecond, int burst, long nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a rate and a burst of at least 1: " + perSecond + ", "
                    + burst);
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.permits = burst;
        this.refilledAt = nanoTime;
    }

    /** Takes a permit if one is there at {@code nanoTime}. */
    synchronized boolean tryTake(long nanoTime) {
        refill(nanoTime);
        if (permits < 1) {
            return false;
        }
        permits -= 1;
        return true;
    }

    /** How long after {@code nanoTime} the next permit is there; 0 if one is there now. */
    synchronized long nanosUntilNext(long nanoTime) {
        refill(nanoTime);
        return permits >= 1 ? 0 : (long) Math.ceil((1 - permits) / perNano);
    }

    private void refill(long nanoTime) {
        long elapsed = nanoTime - refilledAt;
        if (elapsed > 0) {
            permits = Math.min(burst, permits + elapsed * perNano);
            refilledAt = nanoTime;
        }
    }
}
