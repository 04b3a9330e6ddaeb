package dev.reddot.simulator.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.reddot.simulator.http.KeepAliveConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the PUTs of a step on time over a fixed number of keep-alive connections, each with its own thread and one
 * request at a time. A free connection takes the next PUT and waits for its due time; when every connection is busy
 * the PUTs fall behind their due times, and their latencies, counted from the due time, say so.
 */
final class OpenLoopPuts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenLoopPuts.class);

    /** Failures logged per run; the rest are counted only. */
    private static final int LOGGED_FAILURES = 5;

    private final List<KeepAliveConnection> connections = new ArrayList<>();
    private final ExecutorService threads;
    private final Map<String, String> headers;
    private final AtomicLong loggedFailures = new AtomicLong();

    OpenLoopPuts(URI api, int connectionCount, Map<String, String> headers, Duration requestTimeout) {
        for (int i = 0; i < connectionCount; i++) {
            connections.add(new KeepAliveConnection(api, requestTimeout));
        }
        this.headers = headers;
        AtomicInteger names = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(connectionCount, runnable -> {
            Thread thread = new Thread(runnable, "rest-put-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends every PUT of the step; returns once each is answered, failed, or dropped for being due before
     * {@code giveUpNanos} ran out.
     */
    void run(StepLedger step, List<RestUser> users, long giveUpNanos) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (KeepAliveConnection connection : connections) {
            running.add(threads.submit(() -> {
                send(step, users, connection, next, giveUpNanos);
                return null;
            }));
        }
        for (Future<?> connection : running) {
            connection.get();
        }
    }

    private void send(StepLedger step, List<RestUser> users, KeepAliveConnection connection, AtomicInteger next,
                      long giveUpNanos) {
        for (int k = next.getAndIncrement(); k < step.size(); k = next.getAndIncrement()) {
            long due = step.dueNanos(k);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() > giveUpNanos) {
                step.failed(k, StepLedger.TOO_LATE);
                continue;
            }
            RestUser user = step.user(k, users);
            try {
                KeepAliveConnection.Response response = connection.send("PUT",
                        "/api/users/" + user.userId + "/unread-count", headers, "{\"count\":" + step.count(k) + "}");
                long answered = System.nanoTime();
                OptionalLong seq = JsonFields.number(response.body(), "seq");
                if (response.status() == 200 && seq.isPresent()) {
                    user.acknowledged(seq.getAsLong());
                    step.answered(k, answered);
                } else {
                    step.failed(k, response.status() == 200 ? StepLedger.IO_FAILURE : response.status());
                    logFailure(user, response.status() + " " + response.body());
                }
            } catch (IOException | RuntimeException e) {
                step.failed(k, StepLedger.IO_FAILURE);
                logFailure(user, e.toString());
            }
        }
    }

    private void logFailure(RestUser user, String what) {
        if (loggedFailures.incrementAndGet() <= LOGGED_FAILURES) {
            log.warn("PUT count of {} failed: {}", user.userId, what);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        connections.forEach(KeepAliveConnection::close);
    }
}
