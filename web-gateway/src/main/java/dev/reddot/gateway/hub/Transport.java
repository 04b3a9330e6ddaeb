package dev.reddot.gateway.hub;

import dev.reddot.protocol.CountEvent;

/**
 * One client's open connection over one of the gateway's transports (SSE, iframe, WebSocket, long poll), as the hub
 * sees it: whatever the transport, it only takes counts. The one type the hub knows of them.
 */
public interface Transport {

    /** The transport's name, as {@code /push/stats} reports it. */
    String name();

    /**
     * Takes a count of the connection's user. Called from the broker's delivery thread: it must not block,
     * and may see a count it has already sent (seq tells).
     */
    void deliver(CountEvent event);

    /** Ends the connection from the server side (the gateway is stopping); the client will come back. */
    void close();
}
