package dev.reddot.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishBudgetsTest {

    private final PublishBudgets budgets = new PublishBudgets(10, 2);

    @Test
    void theConnectionsOfOneSubjectShareOneBucket() {
        PermitBucket first = budgets.join("device:d1:", 0);
        PermitBucket second = budgets.join("device:d1:", 0);
        assertThat(first.tryTake(0)).isTrue();
        assertThat(second.tryTake(0)).isTrue();
        assertThat(first.tryTake(0)).as("the burst of two is spent by both connections together").isFalse();
        assertThat(second.tryTake(0)).isFalse();
    }

    @Test
    void subjectsHaveBucketsOfTheirOwn() {
        PermitBucket device = budgets.join("device:d1:", 0);
        device.tryTake(0);
        device.tryTake(0);
        assertThat(budgets.join("user:d1:", 0).tryTake(0)).as("a user of the same name").isTrue();
        assertThat(budgets.join("device:d2:", 0).tryTake(0)).as("another device").isTrue();
    }

    @Test
    void theBucketGoesWithTheSubjectsLastConnection() {
        PermitBucket spent = budgets.join("device:d1:", 0);
        budgets.join("device:d1:", 0);
        spent.tryTake(0);
        spent.tryTake(0);
        budgets.leave("device:d1:");
        assertThat(budgets.join("device:d1:", 0)).as("one connection still open").isSameAs(spent);
        budgets.leave("device:d1:");
        budgets.leave("device:d1:");
        PermitBucket fresh = budgets.join("device:d1:", 0);
        assertThat(fresh).isNotSameAs(spent);
        assertThat(fresh.tryTake(0)).as("full again").isTrue();
    }
}
