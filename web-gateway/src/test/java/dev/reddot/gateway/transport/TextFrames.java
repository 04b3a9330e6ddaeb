package dev.reddot.gateway.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client on the gateway's {@code /push/ws/{userId}}, its text frames collected as they come. */
public final class TextFrames {

    private TextFrames() {
    }

    /** Opens the WebSocket (at most 5 s) and adds each text frame it receives to {@code frames}. */
    public static WebSocket open(HttpClient http, int port, String user, BlockingQueue<String> frames)
            throws Exception {
        return http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push/ws/" + user), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
    }
}
