package dev.reddot.gateway.transport.websocket;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final WebSocketTransport transport;

    WebSocketConfiguration(WebSocketTransport transport) {
        this.transport = transport;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(transport, WebSocketTransport.PATH + "*")
                .addInterceptors(new UserIdHandshake())
                // the count of a user is readable from any page in open mode; token mode checks the token instead
                .setAllowedOriginPatterns("*");
    }
}
