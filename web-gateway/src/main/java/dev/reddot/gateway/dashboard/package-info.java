/**
 * {@code GET /admin/summary}: what the process serving it knows of the whole platform (connections by kind, message
 * rates, publisher, latency, health), read from the shared meter registry, for the {@code /admin} dashboard.
 */
package dev.reddot.gateway.dashboard;
