package dev.reddot.gateway.transport.sse;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.gateway.transport.stream.Streams;

@RestController
class SseTransport {

    private final Streams streams;
    private final SseEncoder encoder;

    SseTransport(Streams streams, GatewayProperties properties) {
        this.streams = streams;
        this.encoder = new SseEncoder(properties.sseRetry());
    }

    @GetMapping("/push/sse/{userId}")
    void stream(@PathVariable String userId, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        streams.open(userId, Transports.SSE, encoder, lastSeqOf(lastEventId), TokenExpiry.of(principal), request,
                response);
    }

    /**
     * The seq the browser already shows; an id that is not a seq is ignored. One ahead of the user's current count (a
     * store that was reset) is found out when that count arrives, which the gateway may still be waiting for (a user
     * it does not serve yet): the browser then gets the current count rather than nothing ({@code ConnectionWriter}).
     */
    private static long lastSeqOf(String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException notASeq) {
            return -1;
        }
    }
}
