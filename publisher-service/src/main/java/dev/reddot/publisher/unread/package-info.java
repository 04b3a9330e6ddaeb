/**
 * The per-user unread counter: its store and the service that changes it and publishes the change.
 */
package dev.reddot.publisher.unread;
