package dev.reddot.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountEventTest {

    @Test
    void writesTheContractJson() {
        assertThat(new CountEvent("alice", 3, 7, 1732280000000L).toJson())
                .isEqualTo("{\"userId\":\"alice\",\"count\":3,\"seq\":7,\"ts\":1732280000000}");
    }

    @Test
    void aLargerSeqIsNewer() {
        CountEvent older = new CountEvent("alice", 9, 1, 1);
        CountEvent newer = new CountEvent("alice", 2, 2, 2);
        assertThat(newer.isNewerThan(older)).isTrue();
        assertThat(older.isNewerThan(newer)).isFalse();
        assertThat(older.isNewerThan(older)).isFalse();
        assertThat(older.isNewerThan(null)).isTrue();
    }

    @Test
    void refusesNegativeCountsAndBadIds() {
        assertThatThrownBy(() -> new CountEvent("alice", -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CountEvent("a/b", 1, 1, 1)).isInstanceOf(InvalidIdException.class);
    }
}
