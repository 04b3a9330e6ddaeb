package dev.reddot.gateway.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare SSE client over one socket, as a browser tab would hold it. HTTP/1.0 keeps the stream free of chunk
 * framing, so the test reads exactly the lines the gateway writes; closing the socket is a tab closing.
 */
public final class SseStream implements AutoCloseable {

    private final Socket socket;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseStream(Socket socket) {
        this.socket = socket;
    }

    public static SseStream open(int port, String path, String... headers) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        SseStream stream = new SseStream(socket);
        Thread reader = new Thread(stream::readLines, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    /** The status line, then headers up to the blank line. */
    public List<String> head(Duration timeout) throws InterruptedException {
        List<String> head = new ArrayList<>();
        for (String line = nextLine(timeout); !line.isEmpty(); line = nextLine(timeout)) {
            head.add(line);
        }
        return head;
    }

    /** The lines of the next block up to its blank line (an event, a comment or the retry field). */
    public List<String> nextBlock(Duration timeout) throws InterruptedException {
        List<String> block = new ArrayList<>();
        for (String line = nextLine(timeout); !line.isEmpty(); line = nextLine(timeout)) {
            block.add(line);
        }
        return block;
    }

    /** The next block that is not a keep-alive comment. */
    public List<String> nextEvent(Duration timeout) throws InterruptedException {
        List<String> block = nextBlock(timeout);
        while (!block.isEmpty() && block.get(0).startsWith(":")) {
            block = nextBlock(timeout);
        }
        return block;
    }

    public String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("No line from the SSE stream within " + timeout);
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException closedByTheTest) {
            // the test closed the socket: the stream ends here
        }
    }
}
