/**
 * The all-in-one: broker, publisher-service and web-gateway wired together in one JVM.
 */
package dev.reddot.allinone;
