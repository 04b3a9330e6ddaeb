package dev.reddot.gateway.hub;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends every open connection when the gateway stops, before the web server's graceful shutdown would wait for
 * them: streams never finish by themselves, and their clients reconnect (to this gateway restarted, or another).
 */
@Component
class ConnectionsShutdown implements SmartLifecycle {

    private final Hub hub;
    private volatile boolean running;

    ConnectionsShutdown(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        hub.closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first of all: before the graceful shutdown of the web server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
