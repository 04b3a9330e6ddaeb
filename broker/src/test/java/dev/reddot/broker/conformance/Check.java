package dev.reddot.broker.conformance;

/**
 * One behaviour a client relies on, probed against one broker.
 *
 * @param behaviour the row of the table, stated as what a conforming broker does
 */
record Check(String behaviour, Probe probe) {

    /** Runs against a broker of its own; throws {@link CheckFailure} (or anything else) to fail. */
    @FunctionalInterface
    interface Probe {
        Verdict run(BrokerUnderTest broker) throws Exception;
    }
}
