/**
 * HTTP security shared by the services: token decoding, refusals as problem details, the firewall, the actuator's
 * rules, the open-mode Origin check, CORS for {@code <reddot-bell>}'s routes and the redaction of tokens given in a
 * query string.
 */
package dev.reddot.security.http;
