package dev.reddot.simulator.bench;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one top-level number or plain string out of the small, flat JSON documents the benchmarks exchange
 * (a count event, a fan-out payload). Not a JSON parser: enough for figures, and no library in the jar.
 */
final class JsonFields {

    private JsonFields() {
    }

    static OptionalLong number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    static String text(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }
}
