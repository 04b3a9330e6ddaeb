/**
 * The publisher's REST API and the one place that turns bad requests into problem details.
 */
package dev.reddot.publisher.api;
