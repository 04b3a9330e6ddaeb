/**
 * What every Reddot module shares: the count event, topic and property names, and the id rules.
 */
package dev.reddot.protocol;
