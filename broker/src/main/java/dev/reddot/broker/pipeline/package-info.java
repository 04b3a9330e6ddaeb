/**
 * Reddot's per-connection handlers in front of Moquette: where the broker refuses bad input and keeps the MQTT
 * promises Moquette 0.18.3 does not (broker/README.md lists each one and how to drop it).
 */
package dev.reddot.broker.pipeline;
