package dev.reddot.simulator.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket, one request at a time (no pipelining). A load generator
 * holds exactly as many connections as it opens of these, which the JDK's HTTP client does not promise; it
 * reconnects when the server closes the connection (Tomcat does every 100 requests by default).
 */
public final class KeepAliveConnection implements AutoCloseable {

    /** A response: status and body (small JSON documents: the whole body is read). */
    public record Response(int status, String body) {
    }

    private final InetSocketAddress address;
    private final String pathPrefix;
    private final String hostHeader;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveConnection(URI base, Duration timeout) {
        int port = base.getPort() > 0 ? base.getPort() : 80;
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs: " + base);
        }
        this.address = new InetSocketAddress(base.getHost(), port);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.hostHeader = base.getHost() + ":" + port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /**
     * Sends one request and reads its whole response. A request on a reused connection that the server had closed
     * meanwhile (idle timeout) is sent once more on a new one: it never reached the server.
     */
    public Response send(String method, String path, Map<String, String> headers, String jsonBody)
            throws IOException {
        byte[] request = request(method, path, headers, jsonBody);
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (EOFException | java.net.SocketException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(request);
        }
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(timeoutMillis);
        opened.connect(address, timeoutMillis);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 8192);
        out = opened.getOutputStream();
    }

    private byte[] request(String method, String path, Map<String, String> headers, String jsonBody) {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathPrefix).append(path)
                .append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = parts[0].equals("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                    // other headers change nothing here
                }
            }
        }
        String body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            body = "";
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body);
    }

    private String chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    /** One header line, without its CRLF; EOF before any byte means the server closed the connection. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        Socket current = socket;
        socket = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing a socket we give up on: nothing left to do with it
            }
        }
    }
}
