package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;

/**
 * Makes each platform event count once across retries and bot instances. The Redis
 * implementation records ids with {@code SET NX EX}.
 */
public interface EventDeduplicator {

  /** Slack retries for up to about 5 minutes; keep ids at least twice that. */
  Duration DEFAULT_TTL = Duration.ofMinutes(15);

  /**
   * Records {@code eventId} of the conversation {@code key} and says whether this is its first
   * sighting. Ids are kept per tenant ({@link ConversationKey#tenantScope()}): a platform's retry
   * of an event always names the same workspace or guild. Thread-safe; exactly one caller across
   * all instances gets {@code true}.
   */
  boolean firstSighting(ConversationKey key, String eventId);

  /**
   * The gate that asks this deduplicator, then {@code limiter}, then {@code budget}. A store that can
   * check all three in one round trip returns a gate that does; the rest ask each in turn.
   */
  default RequestGate gateWith(RequestLimiter limiter, TokenBudget budget) {
    return RequestGate.inTurn(this, limiter, budget);
  }
}
