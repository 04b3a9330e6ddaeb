/** A three-node Apache ActiveMQ Artemis MQTT 5 cluster on loopback, embedded in the test JVM. */
package dev.reddot.cluster.artemis;
