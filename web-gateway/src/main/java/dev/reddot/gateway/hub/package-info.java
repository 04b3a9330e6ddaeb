/**
 * The users the gateway serves, their latest counts and the open connections waiting for them, each a {@code Transport};
 * it follows those users on a {@code CountFeed}. Knows nothing of HTTP or MQTT.
 */
package dev.reddot.gateway.hub;
