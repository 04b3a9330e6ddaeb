/**
 * What the streaming HTTP transports (SSE, iframe) share: one never-ending response, differently encoded.
 */
package dev.reddot.gateway.transport.stream;
