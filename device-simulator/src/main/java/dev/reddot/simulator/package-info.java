/**
 * The simulator's command line: {@code run} (sensors over MQTT TCP) and {@code bench} (the load generator).
 */
package dev.reddot.simulator;
