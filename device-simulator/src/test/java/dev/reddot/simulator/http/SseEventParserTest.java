package dev.reddot.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventParserTest {

    @Test
    void readsTheGatewaysCountEvents() {
        List<SseEvent> events = parse("retry: 3000", "", "event: count", "id: 7",
                "data: {\"userId\":\"alice\",\"count\":3,\"seq\":7,\"ts\":1732280000000}", "",
                ": keep-alive", "", "event: count", "id: 8", "data: {\"count\":4}", "");

        assertThat(events).containsExactly(
                new SseEvent("count", "7", "{\"userId\":\"alice\",\"count\":3,\"seq\":7,\"ts\":1732280000000}"),
                new SseEvent("count", "8", "{\"count\":4}"));
    }

    @Test
    void joinsDataLinesAndDefaultsTheType() {
        assertThat(parse("data: a", "data:b", "")).containsExactly(new SseEvent("message", null, "a\nb"));
    }

    private static List<SseEvent> parse(String... lines) {
        SseEventParser parser = new SseEventParser();
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines) {
            parser.line(line).ifPresent(events::add);
        }
        return events;
    }
}
