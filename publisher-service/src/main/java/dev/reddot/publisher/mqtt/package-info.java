/**
 * The publisher's MQTT side: one MQTT 5 client, how counts are published through it, and its health.
 */
package dev.reddot.publisher.mqtt;
