package dev.parley.core.internal.engine;

import java.time.Duration;

class InMemoryRequestGateTest extends RequestGateContractTest {
  private final InMemoryEventDeduplicator events = new InMemoryEventDeduplicator(Duration.ofMinutes(15), clock);
  private final InMemoryRequestLimiter limiter = new InMemoryRequestLimiter(key -> LIMITS, clock);
  private final InMemoryTokenBudget budget = new InMemoryTokenBudget(DAILY_TOKENS, clock);

  @Override
  protected RequestGate gate(TokenBudget budget) {
    return events.gateWith(limiter, budget);
  }

  @Override
  protected TokenBudget budget() {
    return budget;
  }
}
