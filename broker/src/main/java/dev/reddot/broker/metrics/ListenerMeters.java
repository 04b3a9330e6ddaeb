package dev.reddot.broker.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reddot.broker.pipeline.ListenerTraffic;
import dev.reddot.protocol.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code reddot_broker_listener_connections{listener}}: network connections open on the TCP and on the WebSocket
 * listeners (TLS ones counted with their plain twin), and {@code reddot_broker_messages_sent_total{listener}}: PUBLISH
 * packets the broker wrote to clients of each. Both series exist from the start, at 0.
 */
@Component
class ListenerMeters implements ListenerTraffic {

    private static final String[] LISTENERS = {MeterNames.LISTENER_TCP, MeterNames.LISTENER_WEBSOCKET};

    private final Map<String, AtomicInteger> open;
    private final Map<String, Counter> sent;

    ListenerMeters(MeterRegistry registry) {
        open = Map.of(LISTENERS[0], new AtomicInteger(), LISTENERS[1], new AtomicInteger());
        sent = Map.of(LISTENERS[0], sentCounter(registry, LISTENERS[0]), LISTENERS[1], sentCounter(registry, LISTENERS[1]));
        open.forEach((listener, connections) -> Gauge.builder(MeterNames.BROKER_LISTENER_CONNECTIONS, connections,
                        AtomicInteger::get)
                .tag(MeterNames.LISTENER, listener)
                .description("Network connections open on the broker's listener")
                .register(registry));
    }

    private static Counter sentCounter(MeterRegistry registry, String listener) {
        return Counter.builder(MeterNames.BROKER_MESSAGES_SENT)
                .tag(MeterNames.LISTENER, listener)
                .description("PUBLISH packets the broker sent to clients")
                .register(registry);
    }

    @Override
    public void opened(String listener) {
        open.get(listener).incrementAndGet();
    }

    @Override
    public void closed(String listener) {
        open.get(listener).decrementAndGet();
    }

    @Override
    public void sent(String listener) {
        sent.get(listener).increment();
    }
}
