/**
 * The publisher-service: owns each user's unread count and publishes every change to the broker.
 */
package dev.reddot.publisher;
