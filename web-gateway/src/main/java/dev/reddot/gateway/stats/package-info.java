/**
 * {@code GET /push/stats}: open connections per transport, exact.
 */
package dev.reddot.gateway.stats;
