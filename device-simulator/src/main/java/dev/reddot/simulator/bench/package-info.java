/**
 * {@code bench}: broker-neutral MQTT benchmarks (throughput, fan-out, idle connections) and the gateway's SSE
 * benchmark, one command per benchmark, each ending with a table of figures.
 */
package dev.reddot.simulator.bench;
