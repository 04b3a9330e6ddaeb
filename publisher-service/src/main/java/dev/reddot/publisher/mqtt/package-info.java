/**
 * The publisher's MQTT side: one MQTT 5 client and the outbound adapter that publishes counts.
 */
package dev.reddot.publisher.mqtt;
