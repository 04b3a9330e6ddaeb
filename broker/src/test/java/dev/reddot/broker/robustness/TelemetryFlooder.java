package dev.reddot.broker.robustness;

/** A device publishing telemetry as fast as the broker lets it, counting what the broker has taken from it. */
interface TelemetryFlooder extends AutoCloseable {

    String name();

    /** PUBLISH packets the broker has taken from this device so far (handed on past its own handlers). */
    long accepted();

    boolean connected();

    @Override
    void close();
}
