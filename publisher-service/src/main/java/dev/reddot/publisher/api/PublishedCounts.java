package dev.reddot.publisher.api;

import java.util.List;

/** Answer to {@code POST /api/counts}: the count after each change, in the order of the request's changes. */
record PublishedCounts(List<PublishedCount> counts) {
}
