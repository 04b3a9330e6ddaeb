package dev.reddot.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PermitBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void givesTheBurstAtOnceThenTheRate() {
        PermitBucket bucket = new PermitBucket(100, 200, 0);
        int taken = 0;
        while (bucket.tryTake(0)) {
            taken++;
        }
        assertThat(taken).isEqualTo(200);
        assertThat(bucket.nanosUntilNext(0)).isEqualTo(SECOND / 100);
        int later = 0;
        for (long now = 0; now <= SECOND + SECOND / 1000; now += SECOND / 1000) {
            later += bucket.tryTake(now) ? 1 : 0;
        }
        assertThat(later).isEqualTo(100);
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        PermitBucket bucket = new PermitBucket(100, 5, 0);
        int taken = 0;
        while (bucket.tryTake(60 * SECOND)) {
            taken++;
        }
        assertThat(taken).isEqualTo(5);
    }
}
