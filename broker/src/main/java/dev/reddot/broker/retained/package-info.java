/**
 * Retained messages that survive a broker restart with all their MQTT 5 properties, kept by Reddot because
 * Moquette 0.18.3's own store loses user properties (see broker/README.md).
 */
package dev.reddot.broker.retained;
