package dev.reddot.broker.pipeline;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.moquette.broker.SessionCommandsOnLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets, now and then, what client ids left unacknowledged once Moquette no longer keeps their session
 * (it expired while the client stayed away, also one that did not come back after a restart): a client that returns
 * forgets them itself (Session Present 0), one that never does would otherwise keep them until the broker stops, and
 * in the file across restarts. Each client id is looked up on its session loop, where no CONNECT can come between.
 */
public final class EndedSessionsSweep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndedSessionsSweep.class);

    private final BrokerQuotas quotas;
    private final ScheduledExecutorService timer;

    /** Sweeps every {@code every} from now on, until closed. */
    public EndedSessionsSweep(BrokerQuotas quotas, Duration every) {
        this.quotas = quotas;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reddot-ended-sessions-sweep");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        SessionCommandsOnLoops commands = quotas.sessionCommands().orElse(null);
        if (commands == null) {
            return;
        }
        UnacknowledgedDeliveries deliveries = quotas.unacknowledgedDeliveries();
        for (String clientId : deliveries.clientIds()) {
            commands.ifSessionEnded(clientId, () -> deliveries.forget(clientId)).whenComplete((done, failed) -> {
                if (failed != null) {
                    LOG.debug("Unacknowledged deliveries of {} not swept this time: {}", clientId, failed.getMessage());
                }
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
