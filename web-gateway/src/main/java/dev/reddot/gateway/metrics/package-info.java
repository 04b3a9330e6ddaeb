/**
 * The gateway's metrics (Micrometer, {@code reddot_gateway_*} in Prometheus): connections, deliveries, latency.
 */
package dev.reddot.gateway.metrics;
