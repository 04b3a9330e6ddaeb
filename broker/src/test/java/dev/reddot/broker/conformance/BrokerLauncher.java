package dev.reddot.broker.conformance;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a fresh broker of one kind for each check, so that a check that breaks a broker (Moquette 0.18.3 loses a
 * whole session event loop to one exception) cannot fail the checks after it. A broker the suite only connects to is
 * handed out as it is.
 *
 * @param name    the column of the table
 * @param starter starts a broker and returns once it accepts connections
 */
record BrokerLauncher(String name, Supplier<BrokerUnderTest> starter) {

    private static final int START_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(BrokerLauncher.class);

    /**
     * Tries again on failure: a port found free can be taken by one of the suite's many client sockets before the
     * broker binds it.
     */
    BrokerUnderTest start() {
        for (int attempt = 1; ; attempt++) {
            try {
                return starter.get();
            } catch (RuntimeException e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                log.info("{} did not start (attempt {} of {}): {}", name, attempt, START_ATTEMPTS, e.getMessage());
            }
        }
    }
}
