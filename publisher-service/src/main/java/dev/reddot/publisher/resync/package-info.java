/** Publishing every current count again when a gateway asks, for brokers that keep retained messages per node. */
package dev.reddot.publisher.resync;
