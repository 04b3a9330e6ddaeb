package dev.reddot.broker.conformance;

/** What one check found on one broker, with a one-line reason for the table. */
record Verdict(Outcome outcome, String reason) {

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
        return new Verdict(Outcome.PASS, reason);
    }

    static Verdict fail(String reason) {
        return new Verdict(Outcome.FAIL, reason);
    }

    /** The broker under test lacks what the check needs (a configuration, a listener, a tool), not a behaviour. */
    static Verdict notApplicable(String reason) {
        return new Verdict(Outcome.NOT_APPLICABLE, reason);
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
