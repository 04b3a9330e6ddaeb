package dev.reddot.gateway.transport.iframe;

import java.io.IOException;
import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.gateway.transport.stream.Streams;

@RestController
class IframeTransport {

    private final Streams streams;
    private final IframeEncoder encoder = new IframeEncoder();

    IframeTransport(Streams streams) {
        this.streams = streams;
    }

    @GetMapping("/push/iframe/{userId}")
    ResponseEntity<ResponseBodyEmitter> stream(@PathVariable String userId, Principal principal) throws IOException {
        return streams.open(userId, Transports.IFRAME, encoder, -1, TokenExpiry.of(principal));
    }
}
