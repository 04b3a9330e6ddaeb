/**
 * Reddot's tokens and access rules, shared by the broker, the HTTP services and the simulator that mints tokens.
 */
package dev.reddot.protocol.security;
