package dev.reddot.gateway.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.MeterNames;

/** Puts {@link DashboardSummary} together from the meters and the health of the parts running here. */
@Component
class PlatformSummary {

    private static final List<String> PARTS = List.of("broker", "publisher", "gateway", "database");

    private final PlatformReadings readings;
    private final PartsHealth health;
    private final CounterRates rates = new CounterRates();

    PlatformSummary(PlatformReadings readings, PartsHealth health) {
        this.readings = readings;
        this.health = health;
    }

    DashboardSummary read() {
        boolean broker = readings.present(MeterNames.BROKER_CONNECTIONS);
        boolean publisher = readings.present(MeterNames.PUBLISHER_COUNTS_PUBLISHED);
        Map<String, Double> rate = rates.perSecond(totals(), readings.monotonicNanos());
        Map<String, String> statuses = health.statuses();

        Map<String, String> parts = new LinkedHashMap<>();
        Map<String, String> healthOfParts = new LinkedHashMap<>();
        for (String part : PARTS) {
            boolean here = switch (part) {
                case "broker" -> broker;
                case "publisher" -> publisher;
                case "gateway" -> true;
                default -> statuses.containsKey(part);
            };
            parts.put(part, here ? DashboardSummary.HERE : DashboardSummary.ELSEWHERE);
            healthOfParts.put(part, here ? statuses.getOrDefault(part, "UNKNOWN") : null);
        }
        return new DashboardSummary(readings.wallMillis(), parts, healthOfParts, connections(broker),
                broker ? broker(rate) : null, publisher ? publisher(rate) : null, gateway(rate));
    }

    private Map<String, Double> totals() {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String name : List.of(MeterNames.BROKER_MESSAGES_RECEIVED, MeterNames.BROKER_MESSAGES_SENT,
                MeterNames.PUBLISHER_COUNTS_PUBLISHED, MeterNames.PUBLISHER_NOTIFICATIONS,
                MeterNames.GATEWAY_COUNTS_RECEIVED, MeterNames.GATEWAY_COUNTS_DELIVERED)) {
            totals.put(name, readings.counter(name));
        }
        return totals;
    }

    private Map<String, Integer> connections(boolean broker) {
        Map<String, Integer> connections = new LinkedHashMap<>();
        connections.put("mqtt-tcp", broker ? listenerConnections(MeterNames.LISTENER_TCP) : null);
        connections.put("mqtt-websocket", broker ? listenerConnections(MeterNames.LISTENER_WEBSOCKET) : null);
        for (String transport : Transports.ALL) {
            connections.put(transport,
                    readings.gauge(MeterNames.GATEWAY_CONNECTIONS, "transport", transport).orElse(0L).intValue());
        }
        return connections;
    }

    private Integer listenerConnections(String listener) {
        return readings.gauge(MeterNames.BROKER_LISTENER_CONNECTIONS, MeterNames.LISTENER, listener)
                .orElse(0L).intValue();
    }

    private DashboardSummary.Broker broker(Map<String, Double> rate) {
        return new DashboardSummary.Broker(
                readings.gauge(MeterNames.BROKER_CONNECTIONS).orElse(0L).intValue(),
                readings.gauge(MeterNames.BROKER_SESSIONS).orElse(0L).intValue(),
                readings.gauge(MeterNames.BROKER_RETAINED_MESSAGES).orElse(0L).intValue(),
                traffic(MeterNames.BROKER_MESSAGES_RECEIVED, rate),
                traffic(MeterNames.BROKER_MESSAGES_SENT, rate));
    }

    private DashboardSummary.Publisher publisher(Map<String, Double> rate) {
        return new DashboardSummary.Publisher(
                traffic(MeterNames.PUBLISHER_COUNTS_PUBLISHED, rate),
                traffic(MeterNames.PUBLISHER_NOTIFICATIONS, rate),
                readings.gauge(MeterNames.PUBLISHER_OUTBOX_BACKLOG).orElse(0L));
    }

    private DashboardSummary.Gateway gateway(Map<String, Double> rate) {
        return new DashboardSummary.Gateway(
                traffic(MeterNames.GATEWAY_COUNTS_RECEIVED, rate),
                traffic(MeterNames.GATEWAY_COUNTS_DELIVERED, rate),
                readings.latency(MeterNames.GATEWAY_DELIVERY_LATENCY));
    }

    private DashboardSummary.Traffic traffic(String name, Map<String, Double> rate) {
        return new DashboardSummary.Traffic(Math.round(readings.counter(name)),
                Math.round(rate.getOrDefault(name, 0.0) * 10) / 10.0);
    }
}
