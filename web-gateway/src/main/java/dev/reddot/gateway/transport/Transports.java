package dev.reddot.gateway.transport;

import java.util.List;

/** Names of the transports that hold a connection open, as {@code /push/stats} reports them. */
public final class Transports {

    public static final String SSE = "sse";
    public static final String LONG_POLL = "long-poll";
    public static final String WEBSOCKET = "ws";
    public static final String IFRAME = "iframe";

    public static final List<String> ALL = List.of(SSE, LONG_POLL, WEBSOCKET, IFRAME);

    private Transports() {
    }
}
