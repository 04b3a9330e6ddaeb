package dev.reddot.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP/1.1 on a plain socket, for what an HTTP client hides: framing headers, chunks, the end of the connection. */
public final class RawHttp {

    private RawHttp() {
    }

    /** Opens a connection to the gateway and sends the request; each read on it waits at most {@code readTimeout}. */
    public static Socket send(int port, String request, Duration readTimeout) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads byte by byte up to and including {@code end}. */
    public static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(end) < 0) {
            int b = in.read();
            assertThat(b).as("the connection ended after: %s", read).isNotNegative();
            read.append((char) b);
        }
        return read.toString();
    }
}
