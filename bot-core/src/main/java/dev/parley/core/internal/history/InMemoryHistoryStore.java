package dev.parley.core.internal.history;

import dev.parley.core.api.ConversationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps history in this process, with the same caps ({@link HistoryLimits}: turns and bytes,
 * tool calls never split from their results) and idle TTL as the Redis store. The local default
 * and the unit-test fake. Thread-safe: each conversation's list is replaced atomically.
 */
public final class InMemoryHistoryStore implements HistoryStore {

  public static final int DEFAULT_MAX_TURNS = HistoryLimits.DEFAULT_MAX_TURNS;
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  /**
   * The turns and, index for index, their stored sizes, so appends need not re-measure; and the
   * conversation's generation, which lives exactly as long as the entry (as in Redis).
   */
  private record Entry(List<Turn> turns, long[] sizes, long generation, Instant expiresAt) {
    boolean liveAt(Instant now) {
      return expiresAt.isAfter(now);
    }
  }

  private final Map<ConversationKey, Entry> entries = new ConcurrentHashMap<>();
  private final HistoryLimits limits;
  private final Duration ttl;
  private final Clock clock;

  public InMemoryHistoryStore() {
    this(HistoryLimits.DEFAULT, DEFAULT_TTL, Clock.systemUTC());
  }

  /**
   * @param maxTurns the most turns kept per conversation; older ones are dropped first
   * @param ttl how long an untouched conversation is kept
   */
  public InMemoryHistoryStore(int maxTurns, Duration ttl, Clock clock) {
    this(HistoryLimits.ofTurns(maxTurns), ttl, clock);
  }

  /**
   * @param limits the most turns and bytes kept per conversation; older turns are dropped first
   * @param ttl how long an untouched conversation is kept
   */
  public InMemoryHistoryStore(HistoryLimits limits, Duration ttl, Clock clock) {
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<Turn> load(ConversationKey key) {
    Entry entry = entries.get(key);
    if (entry == null) return List.of();
    if (!entry.liveAt(clock.instant())) {
      entries.remove(key, entry);
      return List.of();
    }
    return entry.turns();
  }

  @Override
  public void append(ConversationKey key, List<Turn> turns) {
    write(key, null, turns);
  }

  @Override
  public long generation(ConversationKey key) {
    Entry entry = entries.get(key);
    return entry == null || !entry.liveAt(clock.instant()) ? 0 : entry.generation();
  }

  @Override
  public boolean append(ConversationKey key, long generation, List<Turn> turns) {
    return write(key, generation, turns);
  }

  /** Appends unless {@code expected} is given and the generation moved; true when appended. */
  private boolean write(ConversationKey key, Long expected, List<Turn> turns) {
    Objects.requireNonNull(turns, "turns");
    Instant now = clock.instant();
    long[] added = turns.stream().mapToLong(HistoryLimits::sizeOf).toArray();
    boolean[] appended = {false};
    entries.compute(key, (k, old) -> {
      boolean live = old != null && old.liveAt(now);
      long generation = live ? old.generation() : 0;
      if (expected != null && expected != generation) return old;
      appended[0] = true;
      List<Turn> all = new ArrayList<>(live ? old.turns() : List.of());
      all.addAll(turns);
      long[] sizes = live ? Arrays.copyOf(old.sizes(), all.size()) : new long[all.size()];
      System.arraycopy(added, 0, sizes, all.size() - added.length, added.length);
      int first = limits.firstKept(all, sizes);
      return new Entry(List.copyOf(all.subList(first, all.size())),
          Arrays.copyOfRange(sizes, first, sizes.length), generation, now.plus(ttl));
    });
    // Expired conversations are dropped on the write path so an idle process does not grow.
    entries.values().removeIf(entry -> !entry.liveAt(now));
    return appended[0];
  }

  @Override
  public boolean removeAnswerTo(ConversationKey key, Turn question) {
    Objects.requireNonNull(question, "question");
    boolean[] removed = {false};
    entries.computeIfPresent(key, (k, entry) -> {
      if (!entry.liveAt(clock.instant())) return null;
      int last = Turn.lastQuestionIndex(entry.turns());
      if (last < 0 || !entry.turns().get(last).equals(question)) return entry;
      removed[0] = true;
      return new Entry(List.copyOf(entry.turns().subList(0, last + 1)), Arrays.copyOf(entry.sizes(), last + 1),
          entry.generation(), entry.expiresAt());
    });
    return removed[0];
  }

  @Override
  public long clear(ConversationKey key) {
    Instant now = clock.instant();
    return entries.compute(key, (k, old) -> new Entry(List.of(), new long[0],
        (old != null && old.liveAt(now) ? old.generation() : 0) + 1, now.plus(ttl))).generation();
  }
}
