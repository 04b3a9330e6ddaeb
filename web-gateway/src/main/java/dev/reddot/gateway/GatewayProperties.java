package dev.reddot.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.gateway.*}: how the gateway's transports behave.
 *
 * @param heartbeat            how often a streaming connection (SSE, iframe, WebSocket) gets a keep-alive,
 *                             so proxies keep it open and a vanished client is noticed
 * @param streamMaxAge         a streaming connection is closed after this long and the client reconnects
 *                             (SSE with Last-Event-ID, so nothing is lost): spreads clients over restarted gateways
 * @param sseRetry             the reconnection delay an SSE stream announces
 * @param longPollTimeout      how long a long poll waits when the request does not say
 * @param longPollMaxTimeout   the longest wait a request may ask for
 * @param pollInterval         the short-poll interval suggested to browser clients
 * @param mqttWebsocketUrl     where browsers reach MQTT over WebSocket; {@code {host}} is replaced by the host
 *                             the browser used to reach the gateway
 * @param writerThreads        threads that write counts and heartbeats to streaming connections
 */
@ConfigurationProperties("reddot.gateway")
public record GatewayProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamMaxAge,
        @DefaultValue("3s") Duration sseRetry,
        @DefaultValue("30s") Duration longPollTimeout,
        @DefaultValue("60s") Duration longPollMaxTimeout,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("ws://{host}:8083/mqtt") String mqttWebsocketUrl,
        @DefaultValue("4") int writerThreads) {
}
