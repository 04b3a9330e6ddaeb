package dev.reddot.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A gateway's request on {@link Topics#RESYNC_REQUESTS} to publish current counts again. The payload is UTF-8 text:
 * the requester's client id on the first line, then one user id per line. The requester's line alone asks for every
 * count (the form of gateways that subscribe to every user). Lines that are not valid ids are ignored.
 *
 * @param requester who asks, for the publisher's log
 * @param everyUser whether every user's count is asked for
 * @param userIds   otherwise, the users whose counts are asked for
 */
public record ResyncRequest(String requester, boolean everyUser, List<String> userIds) {

    public ResyncRequest {
        userIds = List.copyOf(userIds);
        if (everyUser && !userIds.isEmpty()) {
            throw new IllegalArgumentException("a request for every count names no users");
        }
    }

    /** Every user's count. */
    public static ResyncRequest everyCount(String requester) {
        return new ResyncRequest(requester, true, List.of());
    }

    /** The counts of these users. */
    public static ResyncRequest countsOf(String requester, List<String> userIds) {
        return new ResyncRequest(requester, false, userIds);
    }

    public byte[] payload() {
        StringBuilder text = new StringBuilder(requester);
        userIds.forEach(userId -> text.append('\n').append(userId));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static ResyncRequest parse(byte[] payload) {
        String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length == 1) {
            return everyCount(lines[0].strip());
        }
        List<String> userIds = Arrays.stream(lines).skip(1).map(String::strip).filter(Ids::isValid).toList();
        return countsOf(lines[0].strip(), userIds);
    }
}
