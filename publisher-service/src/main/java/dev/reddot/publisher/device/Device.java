package dev.reddot.publisher.device;

/** A registered device and the user its alerts notify. */
record Device(String deviceId, String owner) {
}
