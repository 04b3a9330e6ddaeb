package dev.reddot.gateway.transport;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import dev.reddot.protocol.CountEvent;

/**
 * Encodes counts for one transport, once per count: the hub hands the same event to every connection of a user one
 * after another (and the held event to each new one), so remembering the last encoding is enough to share it.
 */
public final class CountFrames {

    private final Function<CountEvent, String> format;
    private volatile EncodedCount last;

    public CountFrames(Function<CountEvent, String> format) {
        this.format = format;
    }

    public EncodedCount of(CountEvent event) {
        EncodedCount held = last;
        // identity, not equals: the hub's own instance, and a cheaper test
        if (held != null && held.event() == event) {
            return held;
        }
        EncodedCount encoded = new EncodedCount(event, format.apply(event).getBytes(StandardCharsets.UTF_8));
        last = encoded;
        return encoded;
    }
}
