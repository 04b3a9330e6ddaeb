package dev.reddot.allinone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The gateway's WebSocket transport as a browser page of some origin opens it. */
public final class PushWebSocket {

    private PushWebSocket() {
    }

    /**
     * The first frame (the current count), or {@code null} when none came within the wait.
     *
     * @param origin the page's origin, or {@code null} for a client that is no browser
     * @throws WebSocketHandshakeException when the gateway refused the upgrade
     */
    public static String firstFrame(HttpClient http, String url, String origin, Duration wait) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(URI.create(url.replaceFirst("^http", "ws")), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    frames.add(data.toString());
                    webSocket.request(1);
                    return null;
                }
            }).get(wait.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw refused;
            }
            throw e;
        }
        try {
            return frames.poll(wait.toSeconds(), TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(wait.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The HTTP status of a refused upgrade; fails when the upgrade was accepted. */
    public static int refusal(HttpClient http, String url, String origin, Duration wait) throws Exception {
        try {
            firstFrame(http, url, origin, wait);
        } catch (WebSocketHandshakeException refused) {
            return refused.getResponse().statusCode();
        }
        throw new AssertionError("The WebSocket upgrade of " + url + " from " + origin + " was accepted");
    }
}
