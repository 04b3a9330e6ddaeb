/**
 * Who may call the publisher's API: everyone in {@code reddot.security.mode=open}, an admin token in {@code token}
 * mode (shared/CONTRACT.md, Security).
 */
package dev.reddot.publisher.security;
