package dev.reddot.broker.conformance;

/** A broker did not behave as the check expects; the message is the one-line reason in the table. */
final class CheckFailure extends RuntimeException {

    CheckFailure(String reason) {
        super(reason);
    }

    static void unless(boolean condition, String reason) {
        if (!condition) {
            throw new CheckFailure(reason);
        }
    }
}
