package dev.reddot.broker.conformance;

import java.net.URI;
import java.util.Optional;

/** A running MQTT broker the checks can reach: a name for the table and where it listens. */
interface BrokerUnderTest extends AutoCloseable {

    String name();

    /** {@code tcp://host:port} */
    String tcpUrl();

    /** {@code ws://host:port/path}, when the broker listens for MQTT over WebSocket. */
    Optional<String> websocketUrl();

    /** The refusals it is configured with; without them the authorization checks do not apply. */
    Optional<AccessRules> accessRules();

    default String host() {
        return URI.create(tcpUrl()).getHost();
    }

    default int port() {
        return URI.create(tcpUrl()).getPort();
    }

    /** Whether the suite can {@link #restart} it: one it started itself, with a store. */
    default boolean restartable() {
        return false;
    }

    /**
     * Stops the broker as an operator would and starts it again on the same ports and store; returns once it accepts
     * connections again.
     */
    default void restart() {
        throw new UnsupportedOperationException(name() + " cannot be restarted by the suite");
    }

    /** Stops a broker the suite started; a broker it only connects to is left running. */
    @Override
    void close();
}
