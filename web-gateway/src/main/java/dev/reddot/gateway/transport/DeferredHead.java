package dev.reddot.gateway.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.FastHttpDateFormat;

/**
 * The head of a response that a handed-over connection writes itself, later, once it knows its status: a long poll
 * answers 200 with a count, or 304, up to a minute after its request returned. Left alone, Tomcat would send a head of
 * its own as the request returns (a 101, as for any upgrade); {@link DeferredHeads} has it send none and hands over the
 * headers the filters set (Spring Security's, CORS), so that the head written later carries them as an immediate answer
 * would. The response ends with the connection ({@code Connection: close}).
 */
public final class DeferredHead {

    static final String ATTRIBUTE = DeferredHead.class.getName();

    /** Written by this class itself, from what it is given. */
    private static final Set<String> OWN_HEADERS = Set.of("connection", "content-length", "content-type", "date",
            "transfer-encoding", "upgrade");

    /** The filters' headers as they go on the wire: {@code Name: value\r\n} each; set as the request returns. */
    private volatile byte[] filterHeaders = new byte[0];

    /** For a request that hands its socket over: Tomcat is to send no head for it, the connection writes it. */
    public void deferOn(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** Called once the request has returned through every filter, before the socket is handed over. */
    void takeFilterHeaders(HttpServletResponse response) {
        StringBuilder lines = new StringBuilder();
        // a name comes once for each of its values
        for (String name : new LinkedHashSet<>(response.getHeaderNames())) {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                response.getHeaders(name).forEach(value -> lines.append(name).append(": ").append(value).append("\r\n"));
            }
        }
        filterHeaders = lines.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The whole response as it goes on the wire.
     *
     * @param headers     the response's own headers besides the filters' ({@code ETag}, …)
     * @param contentType the body's type, or null for a response without a body
     */
    public byte[] response(int status, String reason, Map<String, String> headers, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason)
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        head.append("Date: ").append(FastHttpDateFormat.getCurrentDate()).append("\r\nConnection: close\r\n");
        ByteArrayOutputStream wire = new ByteArrayOutputStream(head.length() + filterHeaders.length + 2 + body.length);
        wire.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        wire.writeBytes(filterHeaders);
        wire.writeBytes(new byte[] {'\r', '\n'});
        wire.writeBytes(body);
        return wire.toByteArray();
    }
}
