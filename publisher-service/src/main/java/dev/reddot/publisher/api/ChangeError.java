package dev.reddot.publisher.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One bad value of a bulk request, as listed in the {@code errors} of its refusal:
 * {@code {"index":2,"field":"userId","reason":"must be 1 to 64 characters of A-Z a-z 0-9 _ . @ -"}}.
 *
 * @param index  the position of the change in {@code changes}, from 0; null for a value outside the changes
 *               ({@code qos}, {@code changes} itself)
 * @param field  the field of the change (or of the request) that is wrong; null when the change as a whole is
 * @param reason what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChangeError(Integer index, String field, String reason) {

    static ChangeError of(String requestField, String reason) {
        return new ChangeError(null, requestField, reason);
    }

    /** Where the value is: {@code changes[2].userId}, {@code qos}. */
    String location() {
        if (index == null) {
            return field;
        }
        return "changes[" + index + "]" + (field == null ? "" : "." + field);
    }
}
