package dev.reddot.simulator.run;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * What every sensor of a run does.
 *
 * @param devices            how many sensors, {@code sensor-1} … {@code sensor-N}
 * @param ratePerSecond      readings per second per sensor
 * @param readingsPerDevice  when each sensor stops; {@link Long#MAX_VALUE} runs until interrupted
 * @param qos                of telemetry and alerts
 * @param alertAbove         a reading warmer than this also publishes an alert
 */
record FleetPlan(int devices, double ratePerSecond, long readingsPerDevice, int qos, OptionalDouble alertAbove) {

    static final String DEVICE_PREFIX = "sensor-";

    FleetPlan {
        if (devices < 1) {
            throw new IllegalArgumentException("--devices must be at least 1");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (readingsPerDevice < 1) {
            throw new IllegalArgumentException("a run must send at least one reading per device");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("--qos must be 0, 1 or 2");
        }
    }

    /**
     * Readings per device for the bounds given: {@code count}, or one reading per period that starts within
     * {@code duration} (5 s at 5/s is 25), whichever is fewer; unbounded when neither is given.
     */
    static long readingsPerDevice(Long count, Duration duration, double ratePerSecond) {
        long byCount = count == null ? Long.MAX_VALUE : count;
        long byDuration = duration == null ? Long.MAX_VALUE
                : (long) Math.ceil(duration.toNanos() / 1e9 * ratePerSecond - 1e-9);
        return Math.min(byCount, byDuration);
    }

    static String deviceId(int index) {
        return DEVICE_PREFIX + index;
    }

    long periodNanos() {
        return Math.max(1, Math.round(1e9 / ratePerSecond));
    }

    boolean bounded() {
        return readingsPerDevice != Long.MAX_VALUE;
    }
}
