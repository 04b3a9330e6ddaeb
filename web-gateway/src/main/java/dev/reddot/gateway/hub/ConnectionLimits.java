package dev.reddot.gateway.hub;

/**
 * How many connections the hub holds at most: in all, and per user (all transports together).
 *
 * @param total   open connections of the whole gateway
 * @param perUser open connections of one user
 */
public record ConnectionLimits(int total, int perUser) {

    /** No limit: for tests of the hub alone. */
    public static final ConnectionLimits NONE = new ConnectionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public ConnectionLimits {
        if (total < 1 || perUser < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1: total " + total + ", per user " + perUser);
        }
    }
}
