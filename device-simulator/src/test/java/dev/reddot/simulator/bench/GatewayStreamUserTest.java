package dev.reddot.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.reddot.simulator.http.SseEvent;
import dev.reddot.simulator.report.LatencyRecorder;

class GatewayStreamUserTest {

    private final GatewayStreamUser user = new GatewayStreamUser("alice", 100);
    private final LatencyRecorder latency = new LatencyRecorder();

    GatewayStreamUserTest() {
        user.received(count(7));
        user.measureInto(latency);
    }

    @Test
    void firstEventIsTheCurrentCountAndMeasuresNothing() {
        assertThat(user.current()).isCompletedWithValue(7L);
        assertThat(user.isUpToDate()).isTrue();
        assertThat(latency.count()).isZero();
    }

    @Test
    void measuresEachChangeItsStreamReceives() {
        user.nextChange(true);
        user.nextChange(true);
        assertThat(user.isUpToDate()).isFalse();

        user.received(count(100));
        user.received(count(101));

        assertThat(latency.count()).isEqualTo(2);
        assertThat(user.isUpToDate()).isTrue();
    }

    @Test
    void aChangeReplacedByANewerOneIsSupersededNotLost() {
        user.nextChange(true);
        user.nextChange(true);

        user.received(count(101));

        assertThat(user.superseded()).isEqualTo(1);
        assertThat(latency.count()).isEqualTo(1);
        assertThat(user.isUpToDate()).isTrue();
    }

    @Test
    void warmUpChangesAndRepeatsAreNotMeasured() {
        user.nextChange(false);
        user.received(count(100));
        user.received(count(100));

        assertThat(latency.count()).isZero();
        assertThat(user.duplicates()).isEqualTo(1);
    }

    private static SseEvent count(long seq) {
        return new SseEvent("count", Long.toString(seq), "{\"count\":1,\"seq\":" + seq + "}");
    }
}
