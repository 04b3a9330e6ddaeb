package dev.reddot.gateway.transport.stream;

import org.springframework.http.MediaType;

import dev.reddot.protocol.CountEvent;

/** How one streaming transport writes its response: the only part in which SSE and iframe differ. */
public interface StreamEncoder {

    MediaType mediaType();

    /** Written once, before anything else. */
    String preamble();

    String count(CountEvent event);

    String heartbeat();

    /** Written last, when the stream ends because its token expired: the client comes back with a fresh one. */
    String expired();
}
