package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;

/**
 * A daily allowance of model tokens per tenant (the platform and workspace or guild of a
 * conversation), counted from the {@code usage.total_tokens} the model server reports. A tenant
 * that used its allowance gets no new answers until the day (UTC) ends. The check comes before a
 * turn and the spending after each model call, so the turn that crosses the line still finishes:
 * a tenant can overshoot by one turn, never by more. Thread-safe.
 */
public interface TokenBudget {

  /** No budget: every tenant may always go on, and nothing is counted. */
  TokenBudget UNLIMITED = new TokenBudget() {
    @Override
    public boolean hasTokensLeft(ConversationKey key) {
      return true;
    }

    @Override
    public void spend(ConversationKey key, long tokens) {}

    @Override
    public long dailyTokens() {
      return 0;
    }
  };

  /** Whether the tenant of {@code key} used less than {@link #dailyTokens()} today. */
  boolean hasTokensLeft(ConversationKey key);

  /** Adds {@code tokens} (at least 0) to today's count of the tenant of {@code key}. */
  void spend(ConversationKey key, long tokens);

  /** The allowance per tenant and day; 0 when there is none. */
  long dailyTokens();
}
