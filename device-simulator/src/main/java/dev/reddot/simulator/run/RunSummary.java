package dev.reddot.simulator.run;

import java.time.Duration;

import dev.reddot.simulator.report.Report;

/**
 * The end of a run.
 *
 * @param lost    sent at QoS 1 or 2 and never acknowledged (always 0 at QoS 0, which has no acknowledgement)
 * @param errors  failed connects, lost connections and failed publishes
 */
record RunSummary(String target, FleetPlan plan, int connected, long sent, long acked, long lost, long alerts,
                  long errors, Duration elapsed) {

    static RunSummary of(String target, FleetPlan plan, int connected, FleetCounters.Snapshot totals,
                         Duration elapsed) {
        long lost = plan.qos() == 0 ? 0 : totals.sent() - totals.acked();
        return new RunSummary(target, plan, connected, totals.sent(), totals.acked(), lost, totals.alerts(),
                totals.errors(), elapsed);
    }

    /** 0 when everything was delivered without an error, 1 when anything was lost or went wrong. */
    int exitCode() {
        return lost == 0 && errors == 0 && connected == plan.devices() ? 0 : 1;
    }

    Report report() {
        double seconds = elapsed.toNanos() / 1e9;
        return Report.titled("run summary: " + target + ", " + plan.devices() + " devices × "
                        + Report.number(plan.ratePerSecond()) + " readings/s, QoS " + plan.qos())
                .row("connected", connected, "devices")
                .row("sent", sent, "messages")
                .row("acked", acked, plan.qos() == 0 ? "messages (written; QoS 0 has no acknowledgement)" : "messages")
                .row("lost", lost, "messages (sent at QoS >= 1, never acknowledged)")
                .row("alerts", alerts, "messages (included in sent)")
                .row("errors", errors, "(failed connects, lost connections, failed publishes)")
                .row("elapsed", seconds, "s")
                .row("rate", seconds > 0 ? sent / seconds : 0, "msg/s");
    }
}
