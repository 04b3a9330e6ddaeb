/**
 * The broker's part of {@code /actuator/health}.
 */
package dev.reddot.broker.health;
