/**
 * The simulator's command line: sensors over MQTT TCP and, later, the benchmark load generator.
 */
package dev.reddot.simulator;
