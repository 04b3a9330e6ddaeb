package dev.reddot.gateway.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.GatewayProperties;

/**
 * The threads that write to open connections and tick their heartbeats. Kept out of the bean factory's
 * executors on purpose: a blocked write to a slow client must never hold up the broker's delivery thread or
 * an application task.
 */
@Component
public class TransportThreads implements DisposableBean {

    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private final long heartbeatMillis;

    TransportThreads(GatewayProperties properties) {
        this.writers = Executors.newFixedThreadPool(properties.writerThreads(), daemonThreads("gateway-writer-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemonThreads("gateway-heartbeat-"));
        this.heartbeatMillis = properties.heartbeat().toMillis();
    }

    /** A writer for one connection, running on the shared writer threads. */
    ConnectionWriter writer(ConnectionWriter.Sink sink, long lastSentSeq, Consumer<Exception> onFailure) {
        return new ConnectionWriter(sink, writers, lastSentSeq, onFailure);
    }

    /** Asks the writer for a heartbeat every {@code reddot.gateway.heartbeat}, until the future is cancelled. */
    ScheduledFuture<?> heartbeats(ConnectionWriter writer) {
        return heartbeats.scheduleAtFixedRate(writer::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        writers.shutdownNow();
    }

    private static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }
}
