package dev.reddot.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void usesTheNearestRank() {
        long[] oneToHundredMillis = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).toArray();

        Percentiles percentiles = Percentiles.of(oneToHundredMillis);

        assertThat(percentiles.count()).isEqualTo(100);
        assertThat(percentiles.p50Millis()).isEqualTo(50.0);
        assertThat(percentiles.p99Millis()).isEqualTo(99.0);
        assertThat(percentiles.maxMillis()).isEqualTo(100.0);
        assertThat(percentiles.meanMillis()).isEqualTo(50.5);
    }

    @Test
    void noSamplesPrintAsADash() {
        Percentiles none = new LatencyRecorder().percentiles();

        assertThat(none.count()).isZero();
        assertThat(Report.number(none.p99Millis())).isEqualTo("-");
    }
}
