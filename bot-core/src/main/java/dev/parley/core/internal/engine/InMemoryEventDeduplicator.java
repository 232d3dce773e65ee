package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers event ids in this process for a TTL. Only correct for a single bot instance; several
 * instances need the Redis deduplicator. Thread-safe.
 */
public final class InMemoryEventDeduplicator implements EventDeduplicator {

  private final Map<String, Instant> seenUntil = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  public InMemoryEventDeduplicator() {
    this(DEFAULT_TTL, Clock.systemUTC());
  }

  public InMemoryEventDeduplicator(Duration ttl, Clock clock) {
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean firstSighting(ConversationKey key, String eventId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eventId, "eventId");
    Instant now = clock.instant();
    AtomicBoolean first = new AtomicBoolean();
    seenUntil.compute(key.tenantScope() + ":" + eventId, (id, until) -> {
      if (until != null && until.isAfter(now)) return until;
      first.set(true);
      return now.plus(ttl);
    });
    if (first.get()) seenUntil.values().removeIf(until -> !until.isAfter(now));
    return first.get();
  }
}
