package dev.reddot.publisher.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import dev.reddot.protocol.MeterNames;
import dev.reddot.publisher.outbox.CountOutbox;

/**
 * {@code reddot_publisher_outbox_backlog}: counts written but not yet acknowledged by the broker, counted in the
 * database when scraped (one {@code COUNT(*)} of a table the relay keeps near empty). It grows while the broker is
 * unreachable.
 */
@Component
class OutboxGauges implements MeterBinder {

    private final CountOutbox outbox;

    OutboxGauges(CountOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MeterNames.PUBLISHER_OUTBOX_BACKLOG, outbox, CountOutbox::size)
                .description("Counts in the outbox, waiting for the broker's acknowledgement")
                .register(registry);
    }
}
