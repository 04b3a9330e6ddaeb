package dev.reddot.gateway.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/summary}, polled every second by the {@code /admin} page. */
@RestController
class DashboardController {

    private final PlatformSummary summary;

    DashboardController(PlatformSummary summary) {
        this.summary = summary;
    }

    @GetMapping("/admin/summary")
    DashboardSummary summary() {
        return summary.read();
    }
}
