/**
 * Groups of users and broadcasts: notifications for many users at once, delivered by the fan-out.
 */
package dev.reddot.publisher.group;
