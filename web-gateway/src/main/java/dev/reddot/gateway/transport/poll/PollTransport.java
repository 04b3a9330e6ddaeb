package dev.reddot.gateway.transport.poll;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountResponses;
import dev.reddot.protocol.CountEvent;

@RestController
class PollTransport {

    private final Hub hub;

    PollTransport(Hub hub) {
        this.hub = hub;
    }

    /** The current count; 304 when {@code If-None-Match} already names its seq, so an idle poll costs no body. */
    @GetMapping("/push/poll/{userId}")
    ResponseEntity<CountEvent> poll(@PathVariable String userId,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        CountEvent current = hub.latest(userId);
        return current.seq() == CountResponses.seqOf(ifNoneMatch)
                ? CountResponses.notModified(current)
                : CountResponses.ok(current);
    }
}
