/**
 * The ways a browser receives its count; one folder per transport with its controller and test, each connection a
 * hub {@code Transport} (those that push are a {@code PushConnection} on a handed-over socket).
 */
package dev.reddot.gateway.transport;
