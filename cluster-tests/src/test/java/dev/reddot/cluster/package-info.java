/** The publisher-service and web-gateways on a three-node MQTT 5 cluster, in one JVM. */
package dev.reddot.cluster;
