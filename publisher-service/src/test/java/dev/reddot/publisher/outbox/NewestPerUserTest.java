package dev.reddot.publisher.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.Publication;

class NewestPerUserTest {

    @Test
    void aBatchPublishesOnlyTheNewestCountOfEachUserInOrderOfFirstChange() {
        List<PendingCount> pending = List.of(pending(1, "a", 1), pending(2, "b", 1), pending(3, "a", 2),
                pending(4, "a", 3), pending(5, "b", 2));

        assertThat(OutboxRelay.newestPerUser(pending))
                .extracting(publication -> publication.event().userId() + "@" + publication.event().seq())
                .containsExactly("a@3", "b@2");
    }

    private static PendingCount pending(long id, String user, long seq) {
        return new PendingCount(id, new Publication(new CountEvent(user, seq, seq, 0), new Delivery(1, true)));
    }
}
