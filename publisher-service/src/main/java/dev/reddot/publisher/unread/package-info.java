/**
 * The per-user unread counter: its store, the counter every feature changes, and the service behind the
 * unread-count API.
 */
package dev.reddot.publisher.unread;
