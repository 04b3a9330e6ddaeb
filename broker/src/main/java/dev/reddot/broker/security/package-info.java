/**
 * Who may connect to the broker and what they may read and write.
 */
package dev.reddot.broker.security;
