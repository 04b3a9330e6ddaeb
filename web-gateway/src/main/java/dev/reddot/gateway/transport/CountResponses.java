package dev.reddot.gateway.transport;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.reddot.protocol.CountEvent;

/** The HTTP answers of the polling transports: the count event with its seq as the ETag. */
public final class CountResponses {

    private CountResponses() {
    }

    public static ResponseEntity<CountEvent> ok(CountEvent event) {
        return ResponseEntity.ok().eTag(etagOf(event)).cacheControl(CacheControl.noStore()).body(event);
    }

    public static ResponseEntity<CountEvent> notModified(CountEvent current) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etagOf(current)).cacheControl(CacheControl.noStore()).build();
    }

    /** The seq in an {@code If-None-Match} value such as {@code "7"} or {@code W/"7"}; -1 when there is none. */
    public static long seqOf(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return -1;
        }
        String tag = ifNoneMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /** The count's seq as an entity tag: {@code "7"}. */
    public static String etagOf(CountEvent event) {
        return "\"" + event.seq() + "\"";
    }
}
