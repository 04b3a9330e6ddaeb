package dev.reddot.gateway.transport;

import dev.reddot.protocol.CountEvent;

/**
 * A count and its bytes in one transport's format, shared by every connection of that transport the count goes to.
 *
 * @param frame the bytes as written to the socket; never modified
 */
public record EncodedCount(CountEvent event, byte[] frame) {

    /** Whether this count replaces {@code other}; any count replaces none. */
    public boolean isNewerThan(EncodedCount other) {
        return other == null || event.isNewerThan(other.event);
    }
}
