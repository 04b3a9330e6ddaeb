package dev.reddot.broker.metrics;

import dev.reddot.broker.EmbeddedBroker;
import dev.reddot.protocol.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Read from the broker when scraped (0 while it is stopped): {@code reddot_broker_connections}, MQTT clients connected
 * now as Moquette counts them; {@code reddot_broker_sessions}, sessions kept, connected or not;
 * {@code reddot_broker_retained_messages}, retained messages kept.
 */
@Component
public class BrokerGauges implements MeterBinder {

    private final EmbeddedBroker broker;

    public BrokerGauges(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MeterNames.BROKER_CONNECTIONS, broker, EmbeddedBroker::connectedClients)
                .description("MQTT clients connected to the broker").register(registry);
        Gauge.builder(MeterNames.BROKER_SESSIONS, broker, EmbeddedBroker::sessions)
                .description("Sessions the broker keeps, connected or not").register(registry);
        Gauge.builder(MeterNames.BROKER_RETAINED_MESSAGES, broker, EmbeddedBroker::retainedMessages)
                .description("Retained messages the broker keeps").register(registry);
    }
}
