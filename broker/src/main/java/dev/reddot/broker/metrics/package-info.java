/**
 * The broker's metrics (Micrometer, {@code reddot_broker_*} in Prometheus).
 */
package dev.reddot.broker.metrics;
