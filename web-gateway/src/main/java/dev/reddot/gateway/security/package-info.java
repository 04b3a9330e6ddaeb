/**
 * Who may open the gateway's push endpoints: everyone in {@code reddot.security.mode=open}, a user's own token or an
 * admin token in {@code token} mode (shared/CONTRACT.md, Security).
 */
package dev.reddot.gateway.security;
