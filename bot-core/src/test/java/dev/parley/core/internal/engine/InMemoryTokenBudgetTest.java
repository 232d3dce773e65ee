package dev.parley.core.internal.engine;

class InMemoryTokenBudgetTest extends TokenBudgetContractTest {
  @Override
  protected TokenBudget budget(long dailyTokens) {
    return new InMemoryTokenBudget(dailyTokens, clock);
  }
}
