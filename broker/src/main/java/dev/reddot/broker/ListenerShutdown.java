package dev.reddot.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.moquette.broker.Server;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a broker stop, before Moquette's {@code stopServer}: ends the listeners' Netty event loops without
 * Netty's default quiet period, then waits until the session loops have run what the closed connections left them.
 *
 * <p>Moquette's stop ends the event loops with {@code shutdownGracefully()}, which waits for 2 s without new tasks, and
 * only then cleans up the sessions from its own thread. A loop closes its connections at once either way; those 2 s
 * were every stop's and restart's cost, and what the session loops happened to need to process the connections' last
 * commands (a PUBACK, the connection lost) before the clean-up. Here they get that explicitly, and no longer.
 */
final class ListenerShutdown {

    private static final Logger log = LoggerFactory.getLogger(ListenerShutdown.class);
    private static final MoquetteFields FIELDS =
            new MoquetteFields("stop its listeners without Netty's quiet period (ListenerShutdown)");
    /** Netty's own bound on a graceful shutdown; Moquette's stop waits 10 s for the loops after it. */
    private static final Duration LIMIT = Duration.ofSeconds(15);

    private ListenerShutdown() {
    }

    static void closeListeners(Server server) {
        Object acceptor = FIELDS.read(server, Server.class, "acceptor");
        if (acceptor == null) {
            return;
        }
        List<Future<?>> ending = new ArrayList<>();
        for (String name : List.of("bossGroup", "workerGroup")) {
            // null when a start failed before its listeners existed
            if (FIELDS.read(acceptor, acceptor.getClass(), name) instanceof EventLoopGroup loops) {
                ending.add(loops.shutdownGracefully(0, LIMIT.toSeconds(), TimeUnit.SECONDS));
            }
        }
        for (Future<?> loops : ending) {
            if (!loops.awaitUninterruptibly(LIMIT.toMillis())) {
                log.warn("The MQTT listeners' event loops did not end within {}", LIMIT);
            }
        }
        drainSessionLoops(server);
    }

    /** Puts a no-op behind every session loop's commands and waits for each. */
    private static void drainSessionLoops(Server server) {
        Object postOffice = FIELDS.read(server, Server.class, "dispatcher");
        if (postOffice == null) {
            return;
        }
        Object loopGroup = FIELDS.read(postOffice, postOffice.getClass(), "sessionLoops");
        List<FutureTask<String>> markers = new ArrayList<>();
        for (BlockingQueue<FutureTask<String>> queue : sessionQueues(loopGroup)) {
            FutureTask<String> marker = new FutureTask<>(() -> "drained");
            markers.add(marker);
            queue.add(marker);
        }
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try {
            for (FutureTask<String> marker : markers) {
                marker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            log.warn("The session loops did not finish the closed connections' commands within {}", LIMIT);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A no-op failed on a session loop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static BlockingQueue<FutureTask<String>>[] sessionQueues(Object loopGroup) {
        return (BlockingQueue<FutureTask<String>>[]) FIELDS.read(loopGroup, loopGroup.getClass(), "sessionQueues");
    }
}
