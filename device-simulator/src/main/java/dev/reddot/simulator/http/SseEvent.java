package dev.reddot.simulator.http;

/**
 * One Server-Sent Event.
 *
 * @param type {@code event:} field, {@code message} when absent
 * @param id   {@code id:} field, null when absent
 * @param data the {@code data:} lines joined by newlines
 */
public record SseEvent(String type, String id, String data) {
}
