/**
 * Notifications: each user's inbox, its read state, and fan-out of one notification to many users.
 */
package dev.reddot.publisher.notification;
