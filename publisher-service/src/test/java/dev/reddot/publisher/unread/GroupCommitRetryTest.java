package dev.reddot.publisher.unread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DeadlockLoserDataAccessException;

import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/**
 * A change that the database ended to break a deadlock runs again (seen on PostgreSQL: concurrent bulk changes that
 * create the same users), with group commit on and off; one that keeps colliding fails after {@link
 * GroupCommit#ATTEMPTS} runs, and the API answers it 503 (ApiProblemHandler).
 */
class GroupCommitRetryTest {

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    @ParameterizedTest(name = "group commit {0}")
    @ValueSource(booleans = {true, false})
    void aChangeEndedToBreakADeadlockRunsAgain(boolean groupCommit) {
        try (PublisherStack reddot = stack(groupCommit)) {
            GroupCommit commits = reddot.bean(GroupCommit.class);
            AtomicInteger runs = new AtomicInteger();

            String result = commits.run(List.of(newUser()), deadlockedTimes(1, runs));

            assertThat(result).isEqualTo("done");
            assertThat(runs).hasValue(2);
        }
    }

    @ParameterizedTest(name = "group commit {0}")
    @ValueSource(booleans = {true, false})
    void aChangeThatKeepsCollidingFailsAfterItsAttempts(boolean groupCommit) {
        try (PublisherStack reddot = stack(groupCommit)) {
            GroupCommit commits = reddot.bean(GroupCommit.class);
            AtomicInteger runs = new AtomicInteger();

            assertThatThrownBy(() -> commits.run(List.of(newUser()), deadlockedTimes(Integer.MAX_VALUE, runs)))
                    .isInstanceOf(DeadlockLoserDataAccessException.class);
            // with group commit on, the batch of one ran first, then its attempts alone
            assertThat(runs).hasValue(groupCommit ? GroupCommit.ATTEMPTS + 1 : GroupCommit.ATTEMPTS);
        }
    }

    private static PublisherStack stack(boolean groupCommit) {
        return stacks.ownStack(Store.H2, Map.of("reddot.group-commit.enabled", Boolean.toString(groupCommit)));
    }

    private static Supplier<String> deadlockedTimes(int times, AtomicInteger runs) {
        return () -> {
            if (runs.incrementAndGet() <= times) {
                throw new DeadlockLoserDataAccessException("deadlock detected (test)", null);
            }
            return "done";
        };
    }

    private static String newUser() {
        return "retry-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
