package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Daily token counts kept in this process, with the same rules as the Redis budget: one count
 * per tenant and UTC day. Counts of earlier days are dropped when a new day's first tokens are
 * spent, so an idle process does not grow. Thread-safe.
 */
public final class InMemoryTokenBudget implements TokenBudget {

  private record Day(String tenant, LocalDate date) {}

  private final Map<Day, AtomicLong> used = new ConcurrentHashMap<>();
  private final long dailyTokens;
  private final Clock clock;

  /** @param dailyTokens the allowance per tenant and day; must be positive */
  public InMemoryTokenBudget(long dailyTokens, Clock clock) {
    if (dailyTokens < 1) throw new IllegalArgumentException("dailyTokens must be positive");
    this.dailyTokens = dailyTokens;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean hasTokensLeft(ConversationKey key) {
    AtomicLong count = used.get(today(key));
    return count == null || count.get() < dailyTokens;
  }

  @Override
  public void spend(ConversationKey key, long tokens) {
    if (tokens < 0) throw new IllegalArgumentException("tokens must not be negative");
    Day today = today(key);
    if (!used.containsKey(today)) used.keySet().removeIf(day -> day.date().isBefore(today.date()));
    used.computeIfAbsent(today, d -> new AtomicLong()).addAndGet(tokens);
  }

  @Override
  public long dailyTokens() {
    return dailyTokens;
  }

  private Day today(ConversationKey key) {
    return new Day(key.tenantScope(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }
}
