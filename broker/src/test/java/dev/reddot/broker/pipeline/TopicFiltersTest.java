package dev.reddot.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFiltersTest {

    @ParameterizedTest
    @CsvSource({
            "a/b, a/b, true", "a/b, a/c, false", "a/+, a/b, true", "a/+, a/b/c, false", "a/#, a, true",
            "a/#, a/b/c, true", "#, a/b, true", "+/+, a/b, true", "+, /a, false", "+/a, /a, true",
            "#, $SYS/x, false", "+/x, $SYS/x, false", "$SYS/#, $SYS/x, true", "a/b/c, a/b, false", "/message/+, /message/alice, true"})
    void matchesAsMqttSays(String filter, String topic, boolean matches) {
        assertThat(TopicFilters.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"a/b, true", "/message/+, true", "#, true", "a/#, true", "+/+/#, true", "a//b, true", "a/, true",
            "'', false", "a/#/b, false", "a#, false", "a/b#, false", "a+, false", "a/+b/c, false"})
    void knowsAValidFilter(String filter, boolean valid) {
        assertThat(TopicFilters.isValid(filter)).isEqualTo(valid);
    }
}
