package dev.reddot.gateway.transport;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's NIO HTTP/1.1 connector, except that every response gets {@link ConnectionBuffers#SOCKET_BUFFER_BYTES} of
 * byte and char buffer instead of 8 Ki each (8 KiB + 16 KiB). An open stream keeps its response, buffers included,
 * for as long as it lives; larger bodies are written in a few more pieces, and a response may still ask for a larger
 * buffer ({@code setBufferSize}).
 */
public class SmallResponseBufferProtocol extends Http11NioProtocol {

    @Override
    public int getDesiredBufferSize() {
        return ConnectionBuffers.SOCKET_BUFFER_BYTES;
    }
}
