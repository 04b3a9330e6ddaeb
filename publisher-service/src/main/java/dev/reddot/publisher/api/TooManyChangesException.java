package dev.reddot.publisher.api;

/** A bulk request with more changes than {@code reddot.api.max-bulk-changes}. */
class TooManyChangesException extends RuntimeException {

    TooManyChangesException(int given, int max) {
        super("A request may carry at most " + max + " changes; this one has " + given
                + ". Send them in several requests");
    }
}
