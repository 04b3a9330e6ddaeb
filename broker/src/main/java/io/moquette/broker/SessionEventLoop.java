package io.moquette.broker;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.moquette.logging.MetricsManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reddot's replacement for Moquette 0.18.3's session event loop, the thread that runs the commands of the sessions
 * assigned to it. Moquette's loop rethrows any exception a command raises, which ends the thread for good: from then
 * on no session of that loop connects, publishes or receives, and one malformed packet (a SUBSCRIBE to
 * {@code $share/g}, a PUBREL without its PUBLISH, a DISCONNECT racing its CONNECT) stops a broker for everyone
 * (Moquette #957, fixed upstream after 0.18.3). This loop logs the failed command and goes on with the next one.
 *
 * <p>Same package, name and methods as Moquette's class, which {@code SessionEventLoopGroup} creates; see
 * broker/README.md for why, and how to drop it.
 */
public final class SessionEventLoop extends Thread {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEventLoop.class);

    /** Which loop the current thread is, for Moquette's routing of a command to its own loop; -1 elsewhere. */
    private static final ThreadLocal<Integer> QUEUE_ID = new ThreadLocal<>();

    /** The running loops, whose queues tell how far behind the broker is (Reddot's back-pressure reads it). */
    private static final Set<SessionEventLoop> RUNNING = ConcurrentHashMap.newKeySet();

    private final BlockingQueue<FutureTask<String>> tasks;
    private final int queueId;
    private final boolean flushOnExit;

    public SessionEventLoop(BlockingQueue<FutureTask<String>> tasks, int queueId) {
        this(tasks, queueId, true);
    }

    public SessionEventLoop(BlockingQueue<FutureTask<String>> tasks, int queueId, boolean flushOnExit) {
        this.tasks = tasks;
        this.queueId = queueId;
        this.flushOnExit = flushOnExit;
    }

    @Override
    public void run() {
        QUEUE_ID.set(queueId);
        RUNNING.add(this);
        try {
            while (!isInterrupted()) {
                runNext(tasks.take());
            }
        } catch (InterruptedException stopping) {
            LOG.debug("SessionEventLoop {} interrupted", getName());
        }
        if (flushOnExit) {
            for (FutureTask<String> task = tasks.poll(); task != null; task = tasks.poll()) {
                runNext(task);
            }
        }
        RUNNING.remove(this);
        LOG.info("SessionEventLoop {} exit", getName());
    }

    private void runNext(FutureTask<String> task) {
        MetricsManager.getMetricsProvider().sessionQueueDec(queueId);
        executeTask(task);
    }

    /** Runs one session command; a command that fails is logged and ends there, never the loop that ran it. */
    public static void executeTask(FutureTask<String> task) {
        if (task.isCancelled()) {
            return;
        }
        task.run();
        try {
            task.get();
        } catch (ExecutionException failed) {
            LOG.warn("SessionEventLoop {}: a session command failed; the loop goes on with the next one",
                    Thread.currentThread().getName(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How full the fullest command queue of the running loops is, from 0 (all empty) to 1 (one is full). */
    public static double busiestQueueFill() {
        double fill = 0;
        for (SessionEventLoop loop : RUNNING) {
            int waiting = loop.tasks.size();
            fill = Math.max(fill, (double) waiting / (waiting + loop.tasks.remainingCapacity()));
        }
        return fill;
    }

    public static int getThreadQueueId() {
        Integer id = QUEUE_ID.get();
        return id == null ? -1 : id;
    }
}
