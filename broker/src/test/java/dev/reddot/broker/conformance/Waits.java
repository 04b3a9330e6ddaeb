package dev.reddot.broker.conformance;

import java.time.Duration;

/** How long checks wait; every wait in the suite is one of these or derived from a protocol timer. */
final class Waits {

    /** For something that should happen: generous, as two brokers share two cores with the test. */
    static final Duration DELIVERY = Duration.ofSeconds(3);

    /** For proving that nothing arrives. */
    static final Duration QUIET = Duration.ofMillis(500);

    /** A whole check, including its own waits; past it the check fails with "no verdict". */
    static final Duration CHECK = Duration.ofSeconds(10);

    private Waits() {
    }

    /**
     * For behaviour the protocol defines by elapsed time (a session expiring, a will delay running out), where there is
     * nothing to wait for but the clock; never for synchronisation.
     */
    static void letTimePass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
