package dev.reddot.gateway.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.GatewayProperties;

/**
 * The threads that write to open connections, and the one timer thread that ticks their heartbeats and ends them
 * when their tokens expire. Kept out of the bean factory's
 * executors on purpose: a blocked write to a slow client must never hold up the broker's delivery thread or
 * an application task.
 */
@Component
public class TransportThreads implements DisposableBean {

    private final ExecutorService writers;
    private final ScheduledExecutorService timers;
    private final long heartbeatMillis;
    private final long writeTimeoutMillis;

    TransportThreads(GatewayProperties properties) {
        this.writers = Executors.newFixedThreadPool(properties.writerThreads(), daemonThreads("gateway-writer-"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("gateway-timer-"));
        this.heartbeatMillis = properties.heartbeat().toMillis();
        this.writeTimeoutMillis = properties.slowConsumerTimeout().toMillis();
    }

    /** How long a write to one client may hold a writer thread: {@code reddot.gateway.slow-consumer-timeout}. */
    long writeTimeoutMillis() {
        return writeTimeoutMillis;
    }

    /** A writer for one connection, running on the shared writer threads. */
    ConnectionWriter writer(ConnectionWriter.Sink sink, long lastSentSeq, Consumer<Exception> onFailure) {
        return new ConnectionWriter(sink, writers, lastSentSeq, onFailure);
    }

    /**
     * Asks the writer for a heartbeat every {@code reddot.gateway.heartbeat}, until the future is cancelled. The first
     * comes at a random point within the first interval: connections opened together (every client coming back
     * after a restart) would otherwise all be written to in the same moment, every interval.
     */
    ScheduledFuture<?> heartbeats(ConnectionWriter writer) {
        long firstMillis = ThreadLocalRandom.current().nextLong(1, heartbeatMillis + 1);
        return timers.scheduleAtFixedRate(writer::heartbeat, firstMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    /** Tells the writer at {@code expiresAt} that the connection's token expired, unless the future is cancelled. */
    ScheduledFuture<?> expiry(ConnectionWriter writer, Instant expiresAt) {
        return timers.schedule(writer::expire, TokenExpiry.timeLeft(expiresAt).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the task once after the delay, unless the future is cancelled. */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        writers.shutdownNow();
    }

    private static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }
}
