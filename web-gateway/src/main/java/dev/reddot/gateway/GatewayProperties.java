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
 * @param maxConnections       open SSE, WebSocket, long-poll and iframe connections the gateway holds at most;
 *                             one more is refused with 503 and {@code Retry-After}
 * @param maxConnectionsPerUser open connections of one user (all transports together) at most; one more is
 *                             refused with 503 and {@code Retry-After}
 * @param connectionRetryAfter what {@code Retry-After} of a refused connection says (whole seconds)
 * @param slowConsumerTimeout  a write to a client that has not completed within this long ends the connection:
 *                             a client that stops reading is cut off instead of holding a writer thread
 *                             (it becomes Tomcat's write timeout for HTTP streams and the WebSocket send timeout)
 * @param subscriptionLinger   how long the gateway still serves a user (and stays subscribed to their count) after
 *                             their last connection or poll: a reconnecting tab finds the count at once
 * @param retainedCountWait    how long a user's first connection or poll waits for their retained count before the
 *                             gateway decides they have none (count 0, seq 0)
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
        @DefaultValue("4") int writerThreads,
        @DefaultValue("50000") int maxConnections,
        @DefaultValue("20") int maxConnectionsPerUser,
        @DefaultValue("10s") Duration connectionRetryAfter,
        @DefaultValue("30s") Duration slowConsumerTimeout,
        @DefaultValue("5s") Duration subscriptionLinger,
        @DefaultValue("250ms") Duration retainedCountWait) {
}
