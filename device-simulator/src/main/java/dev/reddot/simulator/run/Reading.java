package dev.reddot.simulator.run;

import java.time.Instant;
import java.util.Locale;

/** One sensor reading, published as JSON to {@code devices/{deviceId}/telemetry}. */
record Reading(String deviceId, long seq, double temperature, double humidity, Instant ts) {

    /** {@code {"deviceId":"sensor-3","seq":17,"temperature":21.4,"humidity":47.2,"ts":"2026-11-22T21:00:00.123Z"}} */
    String toJson() {
        // device ids never need escaping (Ids allows no quote or backslash)
        return String.format(Locale.ROOT,
                "{\"deviceId\":\"%s\",\"seq\":%d,\"temperature\":%.1f,\"humidity\":%.1f,\"ts\":\"%s\"}",
                deviceId, seq, temperature, humidity, ts);
    }
}
