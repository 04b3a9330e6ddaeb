package dev.reddot.gateway.transport.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.MediaType;

import dev.reddot.gateway.transport.stream.StreamEncoder;
import dev.reddot.protocol.CountEvent;

/**
 * {@code text/event-stream}: {@code event: count}, {@code id: {seq}}, {@code data: {count event}}; at the token's
 * expiry a last {@code event: expired} before the stream ends, so that the client reconnects with a fresh token at once
 * instead of letting EventSource retry with the expired one.
 */
final class SseEncoder implements StreamEncoder {

    private static final MediaType EVENT_STREAM = new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8);

    private final String preamble;

    SseEncoder(Duration retry) {
        this.preamble = "retry: " + retry.toMillis() + "\n\n";
    }

    @Override
    public MediaType mediaType() {
        return EVENT_STREAM;
    }

    @Override
    public String preamble() {
        return preamble;
    }

    @Override
    public String count(CountEvent event) {
        return "event: count\nid: " + event.seq() + "\ndata: " + event.toJson() + "\n\n";
    }

    @Override
    public String heartbeat() {
        return ": keep-alive\n\n";
    }

    @Override
    public String expired() {
        return "event: expired\ndata: token expired\n\n";
    }
}
