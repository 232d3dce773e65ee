package dev.parley.core.api.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelBudgetsTest {

  @Test
  void everyReplyInAPlaceSharesOneBudget() {
    var budgets = new ChannelBudgets(Duration.ofSeconds(1), 5, Duration.ofSeconds(5));

    assertThat(budgets.forPlace("C1")).isSameAs(budgets.forPlace("C1")).isNotSameAs(budgets.forPlace("C2"));
    assertThat(budgets.forPlace("C1").minInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(budgets.forPlace("C1").channelBucket().capacity()).isEqualTo(5);
  }

  @Test
  void theLeastRecentlyUsedPlaceIsForgottenBeyondTheBound() {
    var budgets = new ChannelBudgets(Duration.ZERO, 5, Duration.ofSeconds(5), 3);
    EditBudget first = budgets.forPlace("C1");
    budgets.forPlace("C2");
    budgets.forPlace("C3");
    budgets.forPlace("C1");
    budgets.forPlace("C4");

    assertThat(budgets.size()).isEqualTo(3);
    assertThat(budgets.forPlace("C1")).as("recently used, kept").isSameAs(first);
    EditBudget second = budgets.forPlace("C2");
    assertThat(budgets.size()).isEqualTo(3);
    assertThat(second.channelBucket().tryTake()).as("a forgotten place starts full").isZero();
  }

  @Test
  void aSpentPlaceHoldsBackEveryReplyThere() {
    var budgets = new ChannelBudgets(Duration.ZERO, 5, Duration.ofSeconds(5));
    EditBudget budget = budgets.forPlace("C1");

    budgets.spent("C1", Duration.ofSeconds(3));
    budgets.spent("unknown", Duration.ofSeconds(3));

    assertThat(budget.channelBucket().tryTake()).isPositive();
    assertThat(budgets.size()).as("spending creates no budget").isEqualTo(1);
  }
}
