package dev.reddot.broker.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks against brokers of one kind, each check on a broker of its own and bounded in time, and turns every
 * outcome into a verdict. Several checks run at once: most of their time is spent waiting on the network.
 */
final class ConformanceRunner {

    /** The verdict of one check on one broker and how long it took. */
    record Result(String behaviour, Verdict verdict, Duration took) {
    }

    /** Brokers stop in the background (Reddot's Netty waits 2 s for quiet); all must be gone within this. */
    private static final Duration STOPPING = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConformanceRunner.class);

    private final List<Check> checks;
    private final Duration limit;
    private final int parallelism;

    ConformanceRunner(List<Check> checks, Duration limit, int parallelism) {
        this.checks = List.copyOf(checks);
        this.limit = limit;
        this.parallelism = parallelism;
    }

    /** The results in the order of the checks. */
    List<Result> runAgainst(BrokerLauncher launcher) {
        ExecutorService probes = Executors.newCachedThreadPool(daemon("conformance-" + launcher.name()));
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, daemon("conformance-" + launcher.name() + "-check"));
        ExecutorService stoppers = Executors.newCachedThreadPool(daemon("conformance-" + launcher.name() + "-stop"));
        try {
            List<Future<Result>> running = new ArrayList<>();
            for (Check check : checks) {
                running.add(workers.submit(() -> run(check, launcher, probes, stoppers)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking " + launcher.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A check of " + launcher.name() + " could not be run", e.getCause());
        } finally {
            // every started broker is stopped, even when the run ends early: Mosquitto would outlive the JVM
            workers.shutdownNow();
            awaitTermination(launcher, workers, limit.multipliedBy(2));
            probes.shutdownNow();
            stoppers.shutdown();
            awaitTermination(launcher, stoppers, STOPPING);
        }
    }

    /**
     * A failed check gets a second try on another fresh broker: shared CPU and timing make for rare false failures,
     * and the table says when a pass needed the second try. Checks of intermittent faults amplify them themselves.
     */
    private Result run(Check check, BrokerLauncher launcher, ExecutorService probes, ExecutorService stoppers) {
        long started = System.nanoTime();
        Verdict verdict = once(check, launcher, probes, stoppers);
        if (verdict.outcome() == Verdict.Outcome.FAIL) {
            Verdict second = once(check, launcher, probes, stoppers);
            verdict = second.passed() ? Verdict.passOnSecondTry(second, verdict) : verdict;
        }
        Result result = new Result(check.behaviour(), verdict, Duration.ofNanos(System.nanoTime() - started));
        log.info("[{}] {} ({} ms) {}", launcher.name(), verdict, result.took().toMillis(), check.behaviour());
        return result;
    }

    private Verdict once(Check check, BrokerLauncher launcher, ExecutorService probes, ExecutorService stoppers) {
        BrokerUnderTest broker = launcher.start();
        try {
            return verdictOf(check, broker, probes);
        } finally {
            stopLater(broker, stoppers);
        }
    }

    private static void stopLater(BrokerUnderTest broker, ExecutorService stoppers) {
        try {
            stoppers.execute(broker::close);
        } catch (RejectedExecutionException e) {
            // the run is being wound up: stop it here rather than leave it running
            broker.close();
        }
    }

    private Verdict verdictOf(Check check, BrokerUnderTest broker, ExecutorService probes) {
        AtomicReference<Thread> prober = new AtomicReference<>();
        Future<Verdict> running = probes.submit(() -> {
            prober.set(Thread.currentThread());
            return check.probe().run(broker);
        });
        try {
            return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            logWhereStuck(check, broker, prober.get());
            running.cancel(true);
            return Verdict.fail("no verdict within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return Verdict.fail("interrupted");
        } catch (ExecutionException e) {
            return failure(check, broker, e.getCause());
        }
    }

    private static Verdict failure(Check check, BrokerUnderTest broker, Throwable cause) {
        if (cause instanceof CheckFailure expected) {
            return Verdict.fail(expected.getMessage());
        }
        // an exception from a client library is a verdict too (a refused connection, a timeout), kept with its trace
        log.debug("[{}] {} threw", broker.name(), check.behaviour(), cause);
        return Verdict.fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static void logWhereStuck(Check check, BrokerUnderTest broker, Thread prober) {
        if (prober == null) {
            return;
        }
        StringBuilder trace = new StringBuilder();
        for (StackTraceElement frame : prober.getStackTrace()) {
            trace.append("\n\tat ").append(frame);
        }
        log.warn("[{}] no verdict in time for '{}'; the check was waiting here:{}", broker.name(), check.behaviour(), trace);
    }

    private static void awaitTermination(BrokerLauncher launcher, ExecutorService executor, Duration limit) {
        try {
            if (!executor.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("[{}] checks or brokers still running after {}", launcher.name(), limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
