/**
 * Raw WebSocket: {@code /push/ws/{userId}}, the count event as a text frame on connect and on every change.
 */
package dev.reddot.gateway.transport.websocket;
