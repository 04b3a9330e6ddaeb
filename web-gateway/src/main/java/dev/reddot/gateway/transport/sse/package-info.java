/**
 * Server-sent events: {@code GET /push/sse/{userId}}.
 */
package dev.reddot.gateway.transport.sse;
