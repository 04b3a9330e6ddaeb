package dev.reddot.broker.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The suite's rule: every row the reference broker (Mosquitto) passes, the subject (Reddot) passes too, except the
 * known gaps; and a known gap the subject now passes must leave the list.
 */
final class ReferenceComparison {

    private final String subject;
    private final String reference;
    private final Map<String, String> knownGaps;

    ReferenceComparison(String subject, String reference, Map<String, String> knownGaps) {
        this.subject = subject;
        this.reference = reference;
        this.knownGaps = Map.copyOf(knownGaps);
    }

    /** Why this row fails the suite, if it does. */
    Optional<String> problem(ConformanceRow row) {
        Verdict mine = row.on(subject);
        Verdict theirs = row.on(reference);
        String gap = knownGaps.get(row.behaviour());
        if (gap != null) {
            // a gap that showed on the first try and not on the second is still there: an intermittent fault
            return mine.passed() && !mine.failedFirst()
                    ? Optional.of(subject + " now passes '" + row.behaviour() + "' (" + mine.reason()
                            + "): remove it from KnownGaps")
                    : Optional.empty();
        }
        if (theirs.passed() && mine.applicable() && !mine.passed()) {
            return Optional.of(subject + " fails '" + row.behaviour() + "', which " + reference + " passes: "
                    + mine.reason());
        }
        return Optional.empty();
    }

    /** The last column of the table: what a reader should know about the row. */
    String note(ConformanceRow row) {
        String gap = knownGaps.get(row.behaviour());
        if (gap != null) {
            return "known gap: " + gap;
        }
        Verdict mine = row.on(subject);
        Verdict theirs = row.on(reference);
        if (mine.passed() && theirs.applicable() && !theirs.passed()) {
            return subject + " passes, " + reference + " does not";
        }
        if (!mine.applicable() && theirs.passed()) {
            return "not compared: " + mine.reason();
        }
        return "";
    }

    /** Every problem of the run, including known gaps that name no check (a renamed row must not hide). */
    List<String> problems(List<ConformanceRow> rows) {
        List<String> problems = new ArrayList<>();
        rows.forEach(row -> problem(row).ifPresent(problems::add));
        Set<String> behaviours = rows.stream().map(ConformanceRow::behaviour).collect(Collectors.toSet());
        knownGaps.keySet().stream().filter(gap -> !behaviours.contains(gap)).sorted()
                .forEach(gap -> problems.add("KnownGaps names no check: '" + gap + "'"));
        return problems;
    }
}
