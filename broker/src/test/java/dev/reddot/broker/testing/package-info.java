/**
 * Test support shared by every module's tests (published as the broker's test-jar): a real broker on free
 * ports and a recording MQTT 5 client.
 */
package dev.reddot.broker.testing;
