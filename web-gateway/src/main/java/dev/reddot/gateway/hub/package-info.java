/**
 * The latest count of every user and the open connections waiting for it. Knows nothing of HTTP.
 */
package dev.reddot.gateway.hub;
