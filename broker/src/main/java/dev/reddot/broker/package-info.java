/**
 * The embedded Moquette MQTT broker: TCP and WebSocket listeners, started and stopped by the Spring lifecycle.
 */
package dev.reddot.broker;
