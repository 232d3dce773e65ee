package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.util.Objects;

/**
 * What every request passes before it may take a place in line: its event's first sighting, the
 * request limits, and the tenant's token budget. The Redis stores answer all three in one round
 * trip ({@link EventDeduplicator#gateWith}); otherwise each is asked in turn, with the same result.
 * Thread-safe.
 */
public interface RequestGate {

  /**
   * Records the event and counts the request, in this order: a duplicate counts against no limit,
   * and a request over a limit consumes neither window ({@link RequestLimiter}).
   *
   * @param eventId the platform's event id, or null when the request has none (it is then never a
   *     duplicate)
   */
  Verdict admit(String eventId, String userId, ConversationKey key);

  /**
   * The outcome, in the order the checks ran: {@code duplicate} first; else {@code limits}; and when
   * the limits allowed it, whether the tenant has {@code tokensLeft} today.
   */
  record Verdict(boolean duplicate, RequestLimiter.Decision limits, boolean tokensLeft) {
    public static final Verdict DUPLICATE = new Verdict(true, null, false);

    public Verdict {
      if (!duplicate) Objects.requireNonNull(limits, "limits");
    }
  }

  /** Asks {@code deduplicator}, {@code limiter} and {@code budget} one after the other. */
  static RequestGate inTurn(EventDeduplicator deduplicator, RequestLimiter limiter, TokenBudget budget) {
    Objects.requireNonNull(deduplicator, "deduplicator");
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(budget, "budget");
    return (eventId, userId, key) -> {
      if (eventId != null && !deduplicator.firstSighting(key, eventId)) return Verdict.DUPLICATE;
      RequestLimiter.Decision limits = limiter.tryAcquire(userId, key);
      return new Verdict(false, limits, !limits.allowed() || budget.hasTokensLeft(key));
    };
  }
}
