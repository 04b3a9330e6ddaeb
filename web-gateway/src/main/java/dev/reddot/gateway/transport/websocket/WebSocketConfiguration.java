package dev.reddot.gateway.transport.websocket;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.ConnectionLimitProblems;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final WebSocketTransport transport;
    private final ConnectionLimitHandshake connectionLimit;

    WebSocketConfiguration(WebSocketTransport transport, Hub hub, ConnectionLimitProblems problems) {
        this.transport = transport;
        this.connectionLimit = new ConnectionLimitHandshake(hub, problems);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(transport, WebSocketTransport.PATH + "*")
                .addInterceptors(new UserIdHandshake(), connectionLimit)
                // the security module's OriginCheck refuses foreign pages in open mode before the upgrade, with
                // problem details; token mode needs no Origin check (a token is never sent by the browser on its own)
                .setAllowedOriginPatterns("*");
    }
}
