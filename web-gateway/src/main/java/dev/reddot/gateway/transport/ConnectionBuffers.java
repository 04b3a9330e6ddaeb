package dev.reddot.gateway.transport;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Smaller buffers per connection. A gateway holds tens of thousands of connections that each carry a few hundred
 * bytes a minute; Tomcat's 8 KiB socket buffers, from which it also sizes every request's input buffer and every
 * response's byte and char buffers, cost an open SSE stream about 110 KiB of heap. Larger messages simply take a
 * few more reads and writes. The response's own buffers are sized by the protocol handler, hence
 * {@link SmallResponseBufferProtocol} (unless another protocol was chosen).
 */
@Component
class ConnectionBuffers implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    /** Room for an event or a whole request line and its usual headers; requests may still carry 8 KiB of headers. */
    static final int SOCKET_BUFFER_BYTES = 2048;

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        if (factory instanceof TomcatWebServerFactory tomcat
                && TomcatWebServerFactory.DEFAULT_PROTOCOL.equals(tomcat.getProtocol())) {
            tomcat.setProtocol(SmallResponseBufferProtocol.class.getName());
        }
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        });
    }
}
