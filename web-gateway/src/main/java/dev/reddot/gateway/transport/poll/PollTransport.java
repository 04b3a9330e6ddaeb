package dev.reddot.gateway.transport.poll;

import java.util.concurrent.CompletableFuture;

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

    /**
     * The current count; 304 when {@code If-None-Match} already names its seq, so an idle poll costs no body. A user
     * the gateway does not serve yet is served from now on for the linger (the next poll comes within it), and the
     * answer waits for their retained count, at most {@code reddot.gateway.retained-count-wait}.
     */
    @GetMapping("/push/poll/{userId}")
    CompletableFuture<ResponseEntity<CountEvent>> poll(@PathVariable String userId,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        long known = CountResponses.seqOf(ifNoneMatch);
        return hub.current(userId).thenApply(current -> current.seq() == known
                ? CountResponses.notModified(current)
                : CountResponses.ok(current));
    }
}
