package dev.reddot.gateway.transport;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.GatewayProperties;

/**
 * Bounds how long a write to an HTTP stream (SSE, iframe) may block: Tomcat's write timeout is its connection
 * timeout, so that becomes {@code reddot.gateway.slow-consumer-timeout}. A client that stops reading fills the
 * socket's buffers, the next write blocks, fails after the timeout, and the stream is released and closed. Until
 * then the connection costs its socket buffers and one pending count (the writer coalesces), never a growing queue.
 * The same timeout also bounds how long Tomcat waits for a request's headers, which is harmless.
 */
@Component
class SlowConsumerTimeout implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    private final int timeoutMillis;

    SlowConsumerTimeout(GatewayProperties properties) {
        this.timeoutMillis = Math.toIntExact(properties.slowConsumerTimeout().toMillis());
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("connectionTimeout", Integer.toString(timeoutMillis)));
    }
}
