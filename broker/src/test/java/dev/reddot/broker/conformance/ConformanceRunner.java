package dev.reddot.broker.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs checks one after another against one broker, each bounded in time, and turns every outcome into a verdict. */
final class ConformanceRunner {

    /** The verdict of one check on one broker and how long it took. */
    record Result(String behaviour, Verdict verdict, Duration took) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConformanceRunner.class);

    private final List<Check> checks;
    private final Duration limit;

    ConformanceRunner(List<Check> checks, Duration limit) {
        this.checks = List.copyOf(checks);
        this.limit = limit;
    }

    List<Result> runAgainst(BrokerUnderTest broker) {
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "conformance-" + broker.name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Result> results = new ArrayList<>();
            for (Check check : checks) {
                long started = System.nanoTime();
                Verdict verdict = verdictOf(check, broker, executor);
                Result result = new Result(check.behaviour(), verdict, Duration.ofNanos(System.nanoTime() - started));
                log.info("[{}] {} ({} ms) {}", broker.name(), verdict, result.took().toMillis(), check.behaviour());
                results.add(result);
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private Verdict verdictOf(Check check, BrokerUnderTest broker, ExecutorService executor) {
        Future<Verdict> running = executor.submit(() -> check.probe().run(broker));
        try {
            return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
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
}
