package dev.reddot.simulator.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A progress line once a second while a run is under way. */
final class ProgressPrinter implements AutoCloseable {

    private final PrintWriter out;
    private final FleetCounters counters;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSent;
    private long lastNanos = startNanos;

    private ProgressPrinter(PrintWriter out, FleetCounters counters) {
        this.out = out;
        this.counters = counters;
    }

    static ProgressPrinter start(PrintWriter out, FleetCounters counters) {
        ProgressPrinter printer = new ProgressPrinter(out, counters);
        printer.timer.scheduleAtFixedRate(printer::print, 1, 1, TimeUnit.SECONDS);
        return printer;
    }

    private void print() {
        long now = System.nanoTime();
        FleetCounters.Snapshot snapshot = counters.snapshot();
        double rate = (snapshot.sent() - lastSent) / ((now - lastNanos) / 1e9);
        lastSent = snapshot.sent();
        lastNanos = now;
        out.println(String.format(Locale.ROOT,
                "%6.1f s  connected %d  sent %d  acked %d  pending %d  %.0f msg/s  errors %d",
                (now - startNanos) / 1e9, snapshot.connected(), snapshot.sent(), snapshot.acked(),
                snapshot.pending(), rate, snapshot.errors()));
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
