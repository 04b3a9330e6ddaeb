package dev.reddot.publisher.device;

import dev.reddot.protocol.Ids;

/**
 * An alert as a device publishes it on {@code devices/{deviceId}/alerts}, e.g.
 * {@code {"alertId":"a-17","title":"Temperature high","severity":"warning"}}.
 *
 * @param alertId  the device's id for the alert (id rules of {@link Ids}); the same id twice is one alert
 * @param title    what happened, 1 to 200 characters
 * @param severity optional, at most 32 characters
 */
record DeviceAlert(String alertId, String title, String severity) {

    DeviceAlert {
        if (!Ids.isValid(alertId)) {
            throw new IllegalArgumentException("alertId must be " + Ids.RULE);
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new IllegalArgumentException("title must be 1 to 200 characters");
        }
        if (severity != null && severity.length() > 32) {
            throw new IllegalArgumentException("severity must be at most 32 characters");
        }
    }
}
