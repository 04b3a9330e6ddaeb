/**
 * Devices and their alerts: the registry of owners, and the shared MQTT subscription that turns alerts into
 * notifications.
 */
package dev.reddot.publisher.device;
