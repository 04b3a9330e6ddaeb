package dev.reddot.gateway.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.MeterNames;

/**
 * What the gateway does with the counts the broker sends it:
 * <ul>
 * <li>{@code reddot_gateway_counts_received_total}: counts taken from the broker, retained replays included;</li>
 * <li>{@code reddot_gateway_counts_delivered_total{transport}}: counts handed to open browser connections as they
 * changed (one per connection; the current count a connection gets when it opens is not counted);</li>
 * <li>{@code reddot_gateway_delivery_latency_seconds}: from the change ({@code ts}, the publisher's clock) to the
 * gateway taking it (this machine's clock), with histogram buckets for {@code histogram_quantile()} and its p50 and p99
 * over the last two minutes (Micrometer's decaying window), which the dashboard shows. Retained
 * replays are left out: their {@code ts} is when the count last changed, not when it was sent.</li>
 * </ul>
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Timer latency;
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder(MeterNames.GATEWAY_COUNTS_RECEIVED)
                .description("Counts the gateway received from the broker").register(registry);
        latency = Timer.builder(MeterNames.GATEWAY_DELIVERY_LATENCY)
                .description("From a count's change (its ts) to the gateway receiving it from the broker")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Transports.ALL.forEach(this::deliveredCounter);
    }

    /** A count arrived from the broker; {@code retained} when it is a replay of a retained message. */
    public void received(CountEvent event, boolean retained) {
        received.increment();
        if (!retained && event.ts() > 0) {
            // clocks of two machines: a small negative difference is skew, not time travel
            long millis = Math.max(0, registry.config().clock().wallTime() - event.ts());
            latency.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** A count was handed to these connections of its user, by transport. */
    public void delivered(Map<String, Integer> connectionsByTransport) {
        connectionsByTransport.forEach((transport, connections) -> {
            if (connections > 0) {
                deliveredCounter(transport).increment(connections);
            }
        });
    }

    private Counter deliveredCounter(String transport) {
        return delivered.computeIfAbsent(transport, name -> Counter.builder(MeterNames.GATEWAY_COUNTS_DELIVERED)
                .tag("transport", name)
                .description("Counts handed to open browser connections")
                .register(registry));
    }
}
