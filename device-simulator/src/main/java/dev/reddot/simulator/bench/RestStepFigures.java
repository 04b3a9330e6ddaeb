package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.reddot.simulator.report.Percentiles;
import dev.reddot.simulator.report.Report;

/**
 * What one step of {@code bench rest} measured.
 *
 * @param offered   PUTs per second the schedule asked for
 * @param achieved  acknowledged (200) PUTs per second, over the step or until the last answer if later
 * @param scheduled PUTs due in the step
 * @param errors    answers other than 200, and requests that failed
 * @param tooLate   PUTs not sent because they were due so long ago that the step's grace period had passed
 * @param events    acknowledged PUTs whose own count arrived on the user's stream
 * @param coalesced acknowledged PUTs whose count never arrived but a later count of the same user did: only the
 *                  latest count matters to a badge
 * @param lost      users whose stream did not end on the latest count acknowledged for them
 * @param put       PUT latency, from the time it was due to its answer
 * @param event     from the time the PUT was due to its count arriving on the stream
 */
record RestStepFigures(double offered, double achieved, int scheduled, int acked, int errors, int tooLate,
                       int events, int coalesced, int lost, Percentiles put, Percentiles event) {

    private static final String COLUMNS = "  %9s %10s %8s %8s %9s %9s %8s %6s %9s %7s %8s";

    /** The table's head; latencies in milliseconds. */
    static final String HEADER = String.format(Locale.ROOT, COLUMNS, "offered/s", "achieved/s", "put-p50",
            "put-p99", "event-p50", "event-p99", "acked", "lost", "coalesced", "errors", "too-late");

    String row() {
        return String.format(Locale.ROOT, COLUMNS, Report.number(offered), Report.number(achieved),
                Report.number(put.p50Millis()), Report.number(put.p99Millis()), Report.number(event.p50Millis()),
                Report.number(event.p99Millis()), acked, lost, coalesced, errors, tooLate);
    }

    /** Why this step is past the knee of the curve, if it is: the rate no longer holds or the tail grows too long. */
    Optional<String> bend(double minAchievedShare, Duration maxP99) {
        double boundMillis = maxP99.toNanos() / 1e6;
        if (achieved < minAchievedShare * offered) {
            return Optional.of(String.format(Locale.ROOT, "achieved %s/s is below %s %% of the offered %s/s",
                    Report.number(achieved), Report.number(minAchievedShare * 100), Report.number(offered)));
        }
        if (!(put.p99Millis() <= boundMillis)) {
            return Optional.of("the PUT p99 " + Report.number(put.p99Millis()) + " ms passes "
                    + Report.number(boundMillis) + " ms");
        }
        if (!(event.p99Millis() <= boundMillis)) {
            return Optional.of("the PUT→SSE p99 " + Report.number(event.p99Millis()) + " ms passes "
                    + Report.number(boundMillis) + " ms");
        }
        return Optional.empty();
    }
}
