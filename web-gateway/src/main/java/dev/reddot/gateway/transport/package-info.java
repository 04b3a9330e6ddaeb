/**
 * The ways a browser receives its count; one folder per transport, all registered through the hub.
 */
package dev.reddot.gateway.transport;
