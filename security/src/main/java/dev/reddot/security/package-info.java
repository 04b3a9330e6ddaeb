/**
 * The {@code reddot.security} settings shared by the broker and the HTTP services, and the configuration that brings
 * this module into a context.
 */
package dev.reddot.security;
