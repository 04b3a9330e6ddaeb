package dev.reddot.broker.metrics;

import dev.reddot.broker.EmbeddedBroker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * {@code reddot_broker_connections}: MQTT clients connected now, as Moquette counts them when scraped (0 while the
 * broker is stopped).
 */
@Component
public class BrokerGauges implements MeterBinder {

    private final EmbeddedBroker broker;

    public BrokerGauges(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("reddot.broker.connections", broker, EmbeddedBroker::connectedClients)
                .description("MQTT clients connected to the broker").register(registry);
    }
}
