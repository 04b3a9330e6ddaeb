package dev.reddot.broker.conformance;

/**
 * What one check found on one broker, with a one-line reason for the table.
 *
 * @param failedFirst the check failed once and passed on its second try: an intermittent fault, or a busy machine
 */
record Verdict(Outcome outcome, String reason, boolean failedFirst) {

    enum Outcome {
        PASS("pass"), FAIL("FAIL"), NOT_APPLICABLE("n/a");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    Verdict {
        reason = reason.replace('\n', ' ').replace("|", "\\|");
    }

    static Verdict pass(String reason) {
        return new Verdict(Outcome.PASS, reason, false);
    }

    /** Passed on the second try, after {@code first} failed. */
    static Verdict passOnSecondTry(Verdict second, Verdict first) {
        return new Verdict(Outcome.PASS, second.reason() + " (on the second try; first: " + first.reason() + ")", true);
    }

    static Verdict fail(String reason) {
        return new Verdict(Outcome.FAIL, reason, false);
    }

    /** The broker under test lacks what the check needs (a configuration, a listener, a tool), not a behaviour. */
    static Verdict notApplicable(String reason) {
        return new Verdict(Outcome.NOT_APPLICABLE, reason, false);
    }

    boolean passed() {
        return outcome == Outcome.PASS;
    }

    boolean applicable() {
        return outcome != Outcome.NOT_APPLICABLE;
    }

    @Override
    public String toString() {
        return outcome.label + ": " + reason;
    }
}
