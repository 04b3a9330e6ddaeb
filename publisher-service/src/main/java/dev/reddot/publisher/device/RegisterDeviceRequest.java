package dev.reddot.publisher.device;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/devices/{deviceId}}: the user id of the owner. */
record RegisterDeviceRequest(@NotNull String owner) {
}
