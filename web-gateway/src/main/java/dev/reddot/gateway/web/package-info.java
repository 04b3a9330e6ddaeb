/**
 * The gateway's HTTP edge: problem details for bad requests, client configuration, CORS for the bell's script.
 */
package dev.reddot.gateway.web;
