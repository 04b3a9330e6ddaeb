package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TokenExpiryTest {

    /** The CI failure: a WebSocket closed 43 µs before its token's {@code exp}, the delay having been rounded down. */
    @RepeatedTest(20)
    void aTimerSetForTheTimeLeftNeverFiresWhileTheTokenIsStillValid() {
        Instant expiresAt = Instant.now().plusNanos(2_999_950_000L);

        Duration left = TokenExpiry.timeLeft(expiresAt);

        assertThat(Instant.now().plus(left)).isAfter(expiresAt);
        assertThat(left).isLessThanOrEqualTo(Duration.ofMillis(3_002));
    }

    @Test
    void anExpiredTokenHasNoTimeLeft() {
        assertThat(TokenExpiry.timeLeft(Instant.now().minusSeconds(1))).isZero();
    }
}
