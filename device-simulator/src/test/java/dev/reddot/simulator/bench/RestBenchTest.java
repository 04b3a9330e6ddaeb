package dev.reddot.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.reddot.simulator.SimulatorCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@code bench rest} accounts for what reached the streams, against a gateway that can skip counts on purpose
 * (the command against the real all-in-one: the all-in-one's RestBenchAllInOneTest).
 */
class RestBenchTest {

    private FakeGateway gateway;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = FakeGateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void everyChangeThatArrivesIsCountedOnceAndNothingIsLost() {
        SimulatorCli.Result result = sweep();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("5 users streaming", "did not bend up to 40/s")
                .containsPattern(row(20, 40, 0, 0))
                .containsPattern(row(40, 80, 0, 0));
    }

    @Test
    void countsSkippedForALaterOneAreCoalescedNotLost() {
        gateway.coalesce(Duration.ofMillis(300));

        SimulatorCli.Result result = sweep();

        assertThat(result.out()).containsPattern("(?m)^\\s+40\\s+.*\\s80\\s+0\\s+[1-9]\\d*\\s+0\\s+0$")
                .containsPattern("lost\\s+0\\s");
    }

    @Test
    void aStreamThatMissesItsLatestCountIsLost() {
        gateway.silence("user-2");

        SimulatorCli.Result result = sweep();

        // user-2 gets 8 of the 40 PUTs of the first step and 16 of the 80 of the second: one lost user each, the
        // other counts it never received coalesced into that loss
        assertThat(result.out()).containsPattern(row(20, 40, 1, 7)).containsPattern(row(40, 80, 1, 15))
                .containsPattern("lost\\s+2\\s");
    }

    private SimulatorCli.Result sweep() {
        return SimulatorCli.execute("bench", "rest", "--url", gateway.url(), "--users", "5", "--rates", "20,40",
                "--step-duration", "2s", "--warmup", "0s", "--connections", "2", "--grace", "2s",
                "--broker-messages", "0", "--min-achieved", "0", "--max-p99", "60s");
    }

    /** A table row: offered, achieved, four latencies, acked, lost, coalesced, no errors, nothing too late. */
    private static String row(int offered, int acked, int lost, int coalesced) {
        return "(?m)^\\s+" + offered + "\\s+\\d+(\\.\\d+)?\\s+(\\S+\\s+){4}" + acked + "\\s+" + lost + "\\s+"
                + coalesced + "\\s+0\\s+0$";
    }
}
