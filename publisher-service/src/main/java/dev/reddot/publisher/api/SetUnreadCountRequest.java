package dev.reddot.publisher.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /api/users/{userId}/unread-count}.
 *
 * @param count  the new unread count, 0..2147483647
 * @param qos    MQTT QoS 0..2, or null for {@code reddot.publish.default-qos}
 * @param retain retain flag, or null for {@code reddot.publish.default-retain}
 */
record SetUnreadCountRequest(
        @NotNull @Min(0) @Max(Integer.MAX_VALUE) Long count,
        @Min(0) @Max(2) Integer qos,
        Boolean retain) {
}
