package dev.reddot.gateway.transport.sse;

import java.io.IOException;
import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.gateway.transport.stream.Streams;

@RestController
class SseTransport {

    private final Streams streams;
    private final Hub hub;
    private final SseEncoder encoder;

    SseTransport(Streams streams, Hub hub, GatewayProperties properties) {
        this.streams = streams;
        this.hub = hub;
        this.encoder = new SseEncoder(properties.sseRetry());
    }

    @GetMapping("/push/sse/{userId}")
    ResponseEntity<ResponseBodyEmitter> stream(@PathVariable String userId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, Principal principal)
            throws IOException {
        return streams.open(userId, Transports.SSE, encoder, lastSeqOf(userId, lastEventId), TokenExpiry.of(principal));
    }

    /**
     * The seq the browser already shows. An id that is not a seq, or one ahead of the gateway (a store that was
     * reset), is ignored: the browser then gets the current count rather than nothing.
     */
    private long lastSeqOf(String userId, String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        try {
            long seq = Long.parseLong(lastEventId.trim());
            return seq <= hub.latest(userId).seq() ? seq : -1;
        } catch (NumberFormatException notASeq) {
            return -1;
        }
    }
}
