package dev.reddot.publisher.api;

import java.util.List;

/** A bulk request with bad values: refused as a whole, nothing applied. */
class InvalidChangesException extends RuntimeException {

    private final transient List<ChangeError> errors;

    InvalidChangesException(List<ChangeError> errors) {
        super(errors.size() + " invalid values");
        this.errors = List.copyOf(errors);
    }

    List<ChangeError> errors() {
        return errors;
    }
}
