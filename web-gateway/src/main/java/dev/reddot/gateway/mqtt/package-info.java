/**
 * The gateway's MQTT side: one MQTT 5 subscription to every user's count, fed into the hub.
 */
package dev.reddot.gateway.mqtt;
