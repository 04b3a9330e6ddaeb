package dev.reddot.simulator.run;

import java.time.Instant;
import java.util.Random;

/**
 * Plausible indoor readings: temperature and humidity wander randomly and drift back towards a comfortable
 * middle, so a long run neither freezes nor boils.
 */
final class ReadingWalk {

    private static final double TEMPERATURE_MEAN = 21.0;
    private static final double HUMIDITY_MEAN = 45.0;
    private static final double PULL_TO_MEAN = 0.05;

    private final String deviceId;
    private final Random random;
    private double temperature;
    private double humidity;
    private long seq;

    ReadingWalk(String deviceId, Random random) {
        this.deviceId = deviceId;
        this.random = random;
        this.temperature = TEMPERATURE_MEAN + (random.nextDouble() - 0.5) * 4;
        this.humidity = HUMIDITY_MEAN + (random.nextDouble() - 0.5) * 10;
    }

    Reading next(Instant now) {
        temperature += random.nextGaussian() * 0.3 + (TEMPERATURE_MEAN - temperature) * PULL_TO_MEAN;
        humidity += random.nextGaussian() * 0.8 + (HUMIDITY_MEAN - humidity) * PULL_TO_MEAN;
        humidity = Math.max(0, Math.min(100, humidity));
        seq++;
        return new Reading(deviceId, seq, temperature, humidity, now);
    }
}
