/**
 * The gateway's MQTT side: one MQTT 5 connection subscribed to the counts of the users the gateway serves (or of
 * every user), fed into the hub.
 */
package dev.reddot.gateway.mqtt;
