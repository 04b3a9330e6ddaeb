package dev.reddot.broker.robustness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many hostile raw connections at once, played by a few worker threads, until the time or packet budget is
 * spent or {@link #stop()} is called.
 */
final class FuzzCampaign {

    /**
     * @param connections        sockets open at the same time
     * @param workers            threads that play them
     * @param duration           how long to keep attacking
     * @param packets            how many packets to send at most
     * @param openingsPerSecond  how many new connections per second at most: every closed connection holds
     *                           a loopback port in TIME_WAIT for a minute, and the well-behaved clients need ports too
     */
    record Budget(int connections, int workers, Duration duration, long packets, int openingsPerSecond) {

        Budget {
            if (connections < workers || workers < 1 || openingsPerSecond < 1) {
                throw new IllegalArgumentException("need at least one connection per worker and one opening per second: "
                        + connections + " connections, " + workers + " workers, " + openingsPerSecond + " openings/s");
            }
        }
    }

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Openings not used in a quiet moment may be caught up, but no more than this much of them. */
    private static final long CATCH_UP_NANOS = Duration.ofMillis(100).toNanos();

    private final InetSocketAddress broker;
    private final long seed;
    private final List<Attack> attacks;
    private final Budget budget;
    private final FuzzStatistics statistics;
    private final AtomicLong nextConnection = new AtomicLong();
    private final AtomicLong nextOpeningAt = new AtomicLong(Long.MIN_VALUE);
    private final List<Future<?>> workers = new ArrayList<>();
    private final AtomicInteger workerNumber = new AtomicInteger();
    private final ExecutorService pool;
    private volatile boolean stopRequested;
    private long startedAt;
    private long endedAt;

    FuzzCampaign(InetSocketAddress broker, long seed, List<Attack> attacks, Budget budget, FuzzStatistics statistics) {
        this.broker = broker;
        this.seed = seed;
        this.attacks = List.copyOf(attacks);
        this.budget = budget;
        this.statistics = statistics;
        this.pool = Executors.newFixedThreadPool(budget.workers(),
                task -> new Thread(task, "fuzz-worker-" + workerNumber.incrementAndGet()));
    }

    void start() {
        startedAt = System.nanoTime();
        long deadline = startedAt + budget.duration().toNanos();
        int slots = budget.connections() / budget.workers();
        for (int i = 0; i < budget.workers(); i++) {
            workers.add(pool.submit(() -> {
                play(slots, deadline);
                return null;
            }));
        }
        pool.shutdown();
    }

    void stop() {
        stopRequested = true;
    }

    boolean isRunning() {
        return !pool.isTerminated();
    }

    /** Waits for the workers; a worker's own failure (not the broker's) is rethrown. */
    void awaitEnd(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> worker : workers) {
            worker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        endedAt = System.nanoTime();
    }

    Duration elapsed() {
        return Duration.ofNanos((endedAt > 0 ? endedAt : System.nanoTime()) - startedAt);
    }

    private void play(int slots, long deadline) throws InterruptedException {
        FuzzConnection[] connections = new FuzzConnection[slots];
        try {
            while (!stopRequested && System.nanoTime() < deadline && statistics.packetsSent() < budget.packets()) {
                for (int i = 0; i < slots; i++) {
                    if (connections[i] != null) {
                        connections[i] = advance(connections[i]);
                    } else if (mayOpen()) {
                        connections[i] = open();
                    }
                }
                // a breath per round: the broker shares these two cores with the attackers
                Thread.sleep(1);
            }
        } finally {
            for (FuzzConnection connection : connections) {
                if (connection != null) {
                    connection.abandon();
                }
            }
        }
    }

    private boolean mayOpen() {
        long now = System.nanoTime();
        long allowedAt = nextOpeningAt.get();
        long interval = 1_000_000_000L / budget.openingsPerSecond();
        return now >= allowedAt
                && nextOpeningAt.compareAndSet(allowedAt, Math.max(allowedAt, now - CATCH_UP_NANOS) + interval);
    }

    private FuzzConnection advance(FuzzConnection connection) {
        Optional<FuzzConnection.Outcome> outcome = connection.advance(System.nanoTime());
        return outcome.isPresent() ? null : connection;
    }

    private FuzzConnection open() {
        long number = nextConnection.getAndIncrement();
        // one random per connection, derived from the seed and the connection's number: a replay writes the
        // same scripts even though threads interleave differently
        Random random = new Random(seed + number * GOLDEN_GAMMA);
        Attack attack = attacks.get(random.nextInt(attacks.size()));
        FuzzScript script = new AttackScripts(random, number).write(attack);
        try {
            return FuzzConnection.open(broker, script, statistics);
        } catch (IOException e) {
            statistics.connectFailed(e);
            return null;
        }
    }
}
