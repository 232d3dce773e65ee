package dev.parley.core.internal.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lets at most one notice per key through in each period, so that a flood of refused messages
 * gets one notice, not a flood of notices. In memory and bounded: the least recently used keys
 * are forgotten beyond {@code capacity}, which at worst lets one extra notice through. Each
 * instance keeps its own memory, so N replicas show at most N notices per period. Thread-safe and
 * free of I/O.
 */
public final class NoticeGate {
  private final Duration period;
  private final Clock clock;
  private final Map<String, Instant> lastShown;

  public NoticeGate(Duration period, int capacity, Clock clock) {
    if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    this.period = period;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lastShown = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True, and remembered, when no notice passed for {@code key} in the last period. */
  public synchronized boolean tryPass(String key) {
    Objects.requireNonNull(key, "key");
    Instant now = clock.instant();
    Instant last = lastShown.get(key);
    if (last != null && now.isBefore(last.plus(period))) return false;
    lastShown.put(key, now);
    return true;
  }
}
