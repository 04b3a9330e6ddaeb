/**
 * Legacy iframe streaming: {@code GET /push/iframe/{userId}}, a never-ending page of script tags.
 */
package dev.reddot.gateway.transport.iframe;
