package dev.reddot.simulator.http;

import java.util.Optional;

/** Turns the lines of a {@code text/event-stream} into events, as the HTML standard's EventSource does. */
final class SseEventParser {

    private String type;
    private String id;
    private StringBuilder data;

    /** Feeds one line (without its terminator); returns the event a blank line completes. */
    Optional<SseEvent> line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "id" -> id = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry and unknown fields change nothing a benchmark measures
            }
        }
        return Optional.empty();
    }

    private Optional<SseEvent> dispatch() {
        if (data == null) {
            type = null;
            return Optional.empty();
        }
        SseEvent event = new SseEvent(type == null ? "message" : type, id, data.toString());
        type = null;
        data = null;
        return Optional.of(event);
    }
}
