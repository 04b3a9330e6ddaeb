/**
 * How Reddot's own MQTT clients (publisher, gateway) log into the broker in token mode.
 */
package dev.reddot.security.mqtt;
