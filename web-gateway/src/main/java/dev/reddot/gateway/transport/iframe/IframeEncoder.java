package dev.reddot.gateway.transport.iframe;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;

import dev.reddot.gateway.transport.stream.StreamEncoder;
import dev.reddot.protocol.CountEvent;

/**
 * {@code text/html}: one {@code <script>parent.reddotCount({count event})</script>} per change, and at the token's
 * expiry {@code parent.reddotExpired("token expired")} before the page ends. The JSON is safe
 * inside a script element: ids cannot hold {@code <} or quotes, and everything else is a number.
 */
final class IframeEncoder implements StreamEncoder {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** Old browsers render a streamed page only once a first kilobyte or two has arrived. */
    private static final String PADDING = "<!--" + " ".repeat(2048) + "-->\n";

    private static final String PREAMBLE = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Reddot stream</title>"
            + "</head><body>\n" + PADDING;

    @Override
    public MediaType mediaType() {
        return HTML;
    }

    @Override
    public String preamble() {
        return PREAMBLE;
    }

    @Override
    public String count(CountEvent event) {
        return "<script>parent.reddotCount(" + event.toJson() + ");</script>\n";
    }

    @Override
    public String heartbeat() {
        return "<!-- keep-alive -->\n";
    }

    @Override
    public String expired() {
        return "<script>parent.reddotExpired(\"token expired\");</script>\n";
    }
}
