/**
 * {@code token}: mints a Reddot access token from the installation's secret, for trying token mode by hand.
 */
package dev.reddot.simulator.token;
