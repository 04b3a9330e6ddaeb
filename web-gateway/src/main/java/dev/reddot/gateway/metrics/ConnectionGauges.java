package dev.reddot.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.MeterNames;

/**
 * {@code reddot_gateway_connections{transport}}: open connections per transport, read from the hub when scraped,
 * so they agree with {@code /push/stats}. Every transport has its series from the start, at 0.
 * {@code reddot_gateway_users}: the users the hub holds (with connections, or within their linger; every user heard
 * of in {@code wildcard} mode).
 */
@Component
class ConnectionGauges implements MeterBinder {

    private final Hub hub;

    ConnectionGauges(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String transport : Transports.ALL) {
            Gauge.builder(MeterNames.GATEWAY_CONNECTIONS, hub, h -> h.openConnections().getOrDefault(transport, 0))
                    .tag("transport", transport)
                    .description("Connections open on the gateway")
                    .register(registry);
        }
        Gauge.builder("reddot.gateway.users", hub, Hub::servedUsers)
                .description("Users the gateway serves: with open connections, or within their linger")
                .register(registry);
    }
}
