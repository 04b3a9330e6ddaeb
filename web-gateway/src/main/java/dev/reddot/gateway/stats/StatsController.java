package dev.reddot.gateway.stats;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.Transports;

@RestController
class StatsController {

    private final Hub hub;

    StatsController(Hub hub) {
        this.hub = hub;
    }

    /** {@code {"total":3,"sse":2,"long-poll":1,"ws":0,"iframe":0}}. */
    @GetMapping("/push/stats")
    Map<String, Integer> stats() {
        Map<String, Integer> open = hub.openConnections();
        Map<String, Integer> stats = new LinkedHashMap<>();
        stats.put("total", open.values().stream().mapToInt(Integer::intValue).sum());
        Transports.ALL.forEach(transport -> stats.put(transport, open.getOrDefault(transport, 0)));
        return stats;
    }
}
