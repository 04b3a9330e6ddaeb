package dev.reddot.gateway.transport.iframe;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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
    void stream(@PathVariable String userId, Principal principal, HttpServletRequest request,
                HttpServletResponse response) throws IOException, ServletException {
        streams.open(userId, Transports.IFRAME, encoder, -1, TokenExpiry.of(principal), request, response);
    }
}
