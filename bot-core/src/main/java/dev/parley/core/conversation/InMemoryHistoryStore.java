package dev.parley.core.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps history in this process, with the same cap and idle TTL as the Redis store. The local
 * default and the unit-test fake. Thread-safe: each conversation's list is replaced atomically.
 */
public final class InMemoryHistoryStore implements HistoryStore {

  public static final int DEFAULT_MAX_TURNS = 200;
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private record Entry(List<Turn> turns, Instant expiresAt) {}

  private final Map<ConversationKey, Entry> entries = new ConcurrentHashMap<>();
  private final int maxTurns;
  private final Duration ttl;
  private final Clock clock;

  public InMemoryHistoryStore() {
    this(DEFAULT_MAX_TURNS, DEFAULT_TTL, Clock.systemUTC());
  }

  /**
   * @param maxTurns the most turns kept per conversation; older ones are dropped first
   * @param ttl how long an untouched conversation is kept
   */
  public InMemoryHistoryStore(int maxTurns, Duration ttl, Clock clock) {
    if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be positive");
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    this.maxTurns = maxTurns;
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<Turn> load(ConversationKey key) {
    Entry entry = entries.get(key);
    if (entry == null) return List.of();
    if (!entry.expiresAt().isAfter(clock.instant())) {
      entries.remove(key, entry);
      return List.of();
    }
    return entry.turns();
  }

  @Override
  public void append(ConversationKey key, List<Turn> turns) {
    Objects.requireNonNull(turns, "turns");
    Instant now = clock.instant();
    entries.compute(key, (k, old) -> {
      List<Turn> all = new ArrayList<>();
      if (old != null && old.expiresAt().isAfter(now)) all.addAll(old.turns());
      all.addAll(turns);
      List<Turn> kept = all.subList(Math.max(0, all.size() - maxTurns), all.size());
      return new Entry(List.copyOf(kept), now.plus(ttl));
    });
    // Expired conversations are dropped on the write path so an idle process does not grow.
    entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
  }

  @Override
  public void clear(ConversationKey key) {
    entries.remove(key);
  }
}
