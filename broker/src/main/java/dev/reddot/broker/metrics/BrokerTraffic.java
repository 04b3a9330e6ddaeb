package dev.reddot.broker.metrics;

import dev.reddot.protocol.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;

import org.springframework.stereotype.Component;

/**
 * Counts what passes through the broker, from Moquette's interceptor callbacks (run on Moquette's interceptor
 * threads, after the fact): {@code reddot_broker_messages_received_total} (PUBLISH packets from clients),
 * {@code reddot_broker_connects_total}, and {@code reddot_broker_disconnects_total} tagged {@code reason=normal} (a
 * DISCONNECT) or {@code lost} (the connection dropped). Rates are Prometheus' {@code rate()} of these.
 */
@Component
public class BrokerTraffic extends AbstractInterceptHandler {

    private final Counter messagesReceived;
    private final Counter connects;
    private final Counter normalDisconnects;
    private final Counter lostConnections;

    public BrokerTraffic(MeterRegistry registry) {
        messagesReceived = Counter.builder(MeterNames.BROKER_MESSAGES_RECEIVED)
                .description("PUBLISH packets the broker received from clients").register(registry);
        connects = Counter.builder(MeterNames.BROKER_CONNECTS)
                .description("MQTT connections accepted").register(registry);
        normalDisconnects = Counter.builder(MeterNames.BROKER_DISCONNECTS).tag("reason", "normal")
                .description("MQTT connections ended").register(registry);
        lostConnections = Counter.builder(MeterNames.BROKER_DISCONNECTS).tag("reason", "lost")
                .description("MQTT connections ended").register(registry);
    }

    @Override
    public String getID() {
        return "reddot-broker-traffic";
    }

    @Override
    public void onConnect(InterceptConnectMessage message) {
        connects.increment();
    }

    @Override
    public void onDisconnect(InterceptDisconnectMessage message) {
        normalDisconnects.increment();
    }

    @Override
    public void onConnectionLost(InterceptConnectionLostMessage message) {
        lostConnections.increment();
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        // only for a session loop that dies; Reddot's SessionEventLoop logs a failed command and lives on
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        // Moquette hands every interceptor its own retained copy of the message: release it
        message.getPayload().release();
        messagesReceived.increment();
    }
}
