package dev.reddot.gateway.transport;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.reddot.protocol.CountEvent;

/**
 * Encodes counts for one transport, once per count: the hub hands the same event to every connection of a user one
 * after another (and the held event to each new one), so remembering the last encoding is enough to share it.
 */
public final class CountFrames {

    private final Function<CountEvent, String> format;
    private final UnaryOperator<byte[]> framing;
    private volatile EncodedCount last;

    public CountFrames(Function<CountEvent, String> format) {
        this(format, UnaryOperator.identity());
    }

    /** @param framing wraps the formatted bytes for the wire (a WebSocket text frame) */
    public CountFrames(Function<CountEvent, String> format, UnaryOperator<byte[]> framing) {
        this.format = format;
        this.framing = framing;
    }

    public EncodedCount of(CountEvent event) {
        EncodedCount held = last;
        // identity, not equals: the hub's own instance, and a cheaper test
        if (held != null && held.event() == event) {
            return held;
        }
        EncodedCount encoded = new EncodedCount(event,
                framing.apply(format.apply(event).getBytes(StandardCharsets.UTF_8)));
        last = encoded;
        return encoded;
    }
}
