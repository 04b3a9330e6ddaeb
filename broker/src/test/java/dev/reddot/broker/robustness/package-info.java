/**
 * Robustness of the broker's MQTT listener: random and malformed packets from many raw connections at once,
 * while well-behaved clients must keep receiving every message.
 */
package dev.reddot.broker.robustness;
