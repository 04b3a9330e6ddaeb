/**
 * Long polling: {@code GET /push/long-poll/{userId}?since={seq}} waits for a newer count.
 */
package dev.reddot.gateway.transport.longpoll;
