package dev.reddot.publisher.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/**
 * A user who joins a group while a notification to it is being delivered: the batch's statements select the group's
 * members again and would reach one user more than it locked, storing a count without its notification. The batch
 * must be rolled back and delivered again. The join is made to happen at that very moment by an H2 trigger on the
 * first notification row, in the fan-out's own transaction (so the roll-back takes the join back too).
 */
class GroupJoinDuringFanOutTest {

    private static final int MEMBERS = 20;

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private static PublisherStack reddot;

    @BeforeAll
    static void stack() {
        reddot = stacks.ownStack(Store.H2);
        reddot.database().sql("CREATE TRIGGER join_during_fan_out AFTER INSERT ON notification FOR EACH ROW CALL '"
                + JoinOnce.class.getName() + "'").update();
    }

    @AfterAll
    static void close() {
        reddot.close();
    }

    @Test
    void theBatchIsDeliveredAgainWithoutTheLateMember() throws Exception {
        for (int i = 0; i < MEMBERS; i++) {
            assertThat(reddot.put("/api/groups/team/members/member-" + i, "").statusCode()).isEqualTo(204);
        }
        // known (a member elsewhere) and inside the batch's id range, between member-0 and member-1
        assertThat(reddot.put("/api/groups/elsewhere/members/member-00", "").statusCode()).isEqualTo(204);
        JoinOnce.NEXT.set("member-00");

        HttpResponse<String> response = reddot.post("/api/groups/team/notifications", "{\"title\":\"Stand-up\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"recipients\":" + MEMBERS + "}");
        assertThat(JoinOnce.NEXT.get()).as("the join happened during the fan-out").isNull();
        assertThat(reddot.database().sql("SELECT COUNT(*) FROM group_member WHERE group_id = 'team'")
                .query(Long.class).single()).as("the join was rolled back with the batch").isEqualTo(MEMBERS);
        assertThat(reddot.get("/api/users/member-00/unread-count").body()).contains("\"count\":0");
        assertThat(reddot.database().sql("SELECT COUNT(*) FROM notification WHERE title = 'Stand-up'")
                .query(Long.class).single()).isEqualTo(MEMBERS);
        assertThat(reddot.database().sql("SELECT COUNT(*) FROM unread_count WHERE unread = 1")
                .query(Long.class).single()).isEqualTo(MEMBERS);
    }

    /** Adds one user to the group {@code team}, once, when the first notification row is inserted. */
    public static final class JoinOnce implements Trigger {

        static final AtomicReference<String> NEXT = new AtomicReference<>();

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            String userId = NEXT.getAndSet(null);
            if (userId != null) {
                try (PreparedStatement join = connection.prepareStatement(
                        "INSERT INTO group_member (group_id, user_id) VALUES ('team', ?)")) {
                    join.setString(1, userId);
                    join.executeUpdate();
                }
            }
        }
    }
}
