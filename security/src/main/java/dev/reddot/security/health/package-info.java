/**
 * What health tells whom: in token mode, its components and details only to an admin token.
 */
package dev.reddot.security.health;
