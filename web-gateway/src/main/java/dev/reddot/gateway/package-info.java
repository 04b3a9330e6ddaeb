/**
 * The web-gateway: browsers that cannot or may not speak MQTT get their counts here, fed by the broker.
 */
package dev.reddot.gateway;
