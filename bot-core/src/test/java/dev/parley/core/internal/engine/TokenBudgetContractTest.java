package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.api.ConversationKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What every {@link TokenBudget} must do, run against each implementation. */
public abstract class TokenBudgetContractTest {

  protected static final ConversationKey TEAM_THREAD = new ConversationKey("slack", "T1", "C1", "1.1");
  protected static final ConversationKey TEAM_OTHER_CHANNEL = new ConversationKey("slack", "T1", "C2", "2.2");
  protected static final ConversationKey OTHER_TEAM = new ConversationKey("slack", "T2", "C1", "1.1");
  protected static final ConversationKey OTHER_PLATFORM = new ConversationKey("discord", "T1", "C1", "1.1");

  // Far ahead: Redis expires keys by its own clock, so a past day would vanish at once.
  protected final MutableClock clock = new MutableClock(Instant.parse("2099-03-04T22:00:00Z"));

  /** A budget of {@code dailyTokens} per tenant and day, on {@link #clock}. */
  protected abstract TokenBudget budget(long dailyTokens);

  @Test
  void aTenantHasTokensLeftUntilItsSpendingReachesTheAllowance() {
    TokenBudget budget = budget(1_000);
    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isTrue();

    budget.spend(TEAM_THREAD, 999);
    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isTrue();

    budget.spend(TEAM_THREAD, 1);
    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isFalse();
    assertThat(budget.dailyTokens()).isEqualTo(1_000);
  }

  @Test
  void everyConversationOfATenantSharesOneCountAndOtherTenantsAreApart() {
    TokenBudget budget = budget(500);

    budget.spend(TEAM_THREAD, 300);
    budget.spend(TEAM_OTHER_CHANNEL, 300);

    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isFalse();
    assertThat(budget.hasTokensLeft(TEAM_OTHER_CHANNEL)).isFalse();
    assertThat(budget.hasTokensLeft(OTHER_TEAM)).isTrue();
    assertThat(budget.hasTokensLeft(OTHER_PLATFORM)).isTrue();
  }

  @Test
  void theCountStartsAfreshWhenTheUtcDayEnds() {
    TokenBudget budget = budget(100);
    budget.spend(TEAM_THREAD, 150);

    clock.now = Instant.parse("2099-03-04T23:59:59Z");
    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isFalse();

    clock.now = Instant.parse("2099-03-05T00:00:00Z");
    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isTrue();
    budget.spend(TEAM_THREAD, 60);
    assertThat(budget.hasTokensLeft(TEAM_THREAD)).isTrue();
  }

  @Test
  void negativeSpendingIsRefused() {
    assertThatThrownBy(() -> budget(100).spend(TEAM_THREAD, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A clock a test moves by hand. */
  protected static final class MutableClock extends Clock {
    public volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
