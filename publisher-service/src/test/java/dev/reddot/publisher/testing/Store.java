package dev.reddot.publisher.testing;

/** The databases the publisher runs on: every API test runs against each. */
public enum Store {
    /** The embedded default: an H2 file under {@code reddot.data-dir}. */
    H2,
    /** A throwaway PostgreSQL cluster; tests on it are skipped where PostgreSQL is not installed. */
    POSTGRESQL
}
