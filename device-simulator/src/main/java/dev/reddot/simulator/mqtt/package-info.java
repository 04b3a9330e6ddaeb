/**
 * A small asynchronous MQTT 3.1.1 / 5 client on Netty: every connection shares one event loop group, so a
 * load generator holds 10⁵ connections without a thread per connection.
 */
package dev.reddot.simulator.mqtt;
