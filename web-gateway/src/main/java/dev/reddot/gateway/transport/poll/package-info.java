/**
 * Short polling: {@code GET /push/poll/{userId}} answers the current count.
 */
package dev.reddot.gateway.transport.poll;
