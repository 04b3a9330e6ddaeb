/**
 * The gateway's HTTP edge: problem details for bad requests, client configuration.
 */
package dev.reddot.gateway.web;
