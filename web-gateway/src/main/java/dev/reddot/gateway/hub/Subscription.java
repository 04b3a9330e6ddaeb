package dev.reddot.gateway.hub;

/** A connection's place in the hub; closing it releases the connection. Closing twice is harmless. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
