package dev.reddot.simulator.run;

import java.util.Locale;

/**
 * What a sensor publishes to {@code devices/{deviceId}/alerts} when a reading is too warm: the contract's alert
 * ({@code alertId}, {@code title}, {@code severity}) plus where it came from.
 */
record TemperatureAlert(String alertId, String deviceId, double temperature, double threshold) {

    static final String TITLE = "Temperature high";
    static final String SEVERITY = "warning";

    /** One alert per reading, so the reading's id makes the alert id unique (the publisher deduplicates on it). */
    static TemperatureAlert of(Reading reading, double threshold) {
        return new TemperatureAlert(reading.deviceId() + "-" + reading.seq(), reading.deviceId(),
                reading.temperature(), threshold);
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"alertId\":\"%s\",\"title\":\"%s\",\"severity\":\"%s\","
                        + "\"deviceId\":\"%s\",\"temperature\":%.1f,\"threshold\":%s}",
                alertId, TITLE, SEVERITY, deviceId, temperature, threshold);
    }
}
