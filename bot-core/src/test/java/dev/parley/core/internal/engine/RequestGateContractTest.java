package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RequestGate} must do, run against the gate that asks the in-memory stores in
 * turn and the one Redis script: the same verdicts, in the same order.
 */
public abstract class RequestGateContractTest {
  protected static final ConversationKey A = new ConversationKey("slack", "T1", "C1", "1.1");
  protected static final ConversationKey B = new ConversationKey("slack", "T1", "C1", "2.2");
  protected static final ConversationKey OTHER_TEAM = new ConversationKey("slack", "T2", "C1", "1.1");
  /** One request per conversation and minute, three per user; a budget of 100 tokens a day. */
  protected static final RequestLimits LIMITS = new RequestLimits(new RequestLimit(3, Duration.ofMinutes(1)),
      new RequestLimit(1, Duration.ofMinutes(1)));
  protected static final long DAILY_TOKENS = 100;
  // Far ahead: Redis expires keys by its own clock, so a past day would vanish at once.
  protected final TokenBudgetContractTest.MutableClock clock = new TokenBudgetContractTest.MutableClock(Instant.parse("2099-03-04T12:00:00Z"));

  /** A gate with {@link #LIMITS} for every conversation and {@code budget}; shared stores for a shared store. */
  protected abstract RequestGate gate(TokenBudget budget);

  /** A token budget of {@link #DAILY_TOKENS} on {@link #clock}, over the same data as the gate's store. */
  protected abstract TokenBudget budget();

  @Test
  void aDuplicateCountsAgainstNoLimit() {
    RequestGate gate = gate(TokenBudget.UNLIMITED);

    assertThat(gate.admit("E1", "U1", A)).isEqualTo(new RequestGate.Verdict(false, RequestLimiter.Decision.ALLOWED, true));
    assertThat(gate.admit("E1", "U1", A)).isEqualTo(RequestGate.Verdict.DUPLICATE);
    assertThat(gate.admit("E1", "U1", A).duplicate()).isTrue();

    assertThat(gate.admit("E2", "U1", B).limits().allowed()).as("the duplicates took nothing of U1's limit").isTrue();
  }

  @Test
  void aLimitedRequestIsRecordedSoItsRetryIsADuplicate() {
    RequestGate gate = gate(TokenBudget.UNLIMITED);
    gate.admit("E1", "U1", A);

    RequestGate.Verdict limited = gate.admit("E2", "U2", A);
    assertThat(limited.duplicate()).isFalse();
    assertThat(limited.limits().scope()).isEqualTo("conversation");
    assertThat(limited.limits().retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));

    assertThat(gate.admit("E2", "U2", A)).isEqualTo(RequestGate.Verdict.DUPLICATE);
  }

  @Test
  void eventIdsAreKeptPerTenant() {
    RequestGate gate = gate(TokenBudget.UNLIMITED);

    assertThat(gate.admit("E1", "U1", A).duplicate()).isFalse();
    assertThat(gate.admit("E1", "U1", OTHER_TEAM).duplicate()).isFalse();
  }

  @Test
  void aRequestWithoutAnEventIdIsNeverADuplicate() {
    RequestGate gate = gate(TokenBudget.UNLIMITED);

    assertThat(gate.admit(null, "U1", A).duplicate()).isFalse();
    RequestGate.Verdict second = gate.admit(null, "U1", A);
    assertThat(second.duplicate()).isFalse();
    assertThat(second.limits().allowed()).as("but it is counted").isFalse();
  }

  @Test
  void aTenantWhoseTokensAreSpentIsToldSoAfterTheLimitsCountedIt() {
    TokenBudget budget = budget();
    RequestGate gate = gate(budget);
    assertThat(gate.admit("E1", "U1", A).tokensLeft()).isTrue();

    budget.spend(A, DAILY_TOKENS);

    RequestGate.Verdict spent = gate.admit("E2", "U1", B);
    assertThat(spent.limits().allowed()).isTrue();
    assertThat(spent.tokensLeft()).isFalse();
    assertThat(gate.admit("E3", "U1", OTHER_TEAM).tokensLeft()).isTrue();
  }
}
