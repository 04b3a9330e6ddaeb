/**
 * A broker-neutral MQTT 3.1.1 and 5 conformance suite: small checks run against Reddot's broker, Mosquitto and any
 * broker URL, compared in one table.
 */
package dev.reddot.broker.conformance;
