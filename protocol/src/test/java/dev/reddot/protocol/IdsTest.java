package dev.reddot.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "Bob_1.x@example-org", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsIdsOfTheAllowedAlphabet(String id) {
        assertThat(Ids.isValid(id)).isTrue();
        assertThat(Ids.requireValid(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a+b", "a#", "a/b", "a b", "é", "$SYS", "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesWildcardsSeparatorsAndOverlongIds(String id) {
        assertThat(Ids.isValid(id)).isFalse();
        assertThatThrownBy(() -> Ids.requireValid(id))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining(Ids.RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/message/alice"})
    void readsTheUserIdBackFromItsTopic(String topic) {
        assertThat(Topics.userIdOf(topic)).contains("alice");
        assertThat(Topics.unreadCount("alice")).isEqualTo(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/message/", "/message/a/b", "devices/x/alerts", "message/alice"})
    void ignoresTopicsThatAreNotUnreadCounts(String topic) {
        assertThat(Topics.userIdOf(topic)).isEmpty();
    }
}
