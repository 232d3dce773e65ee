package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A thread-safe rate budget of {@code capacity} calls per {@code period}, in the form platforms
 * state them ("5 edits per 5 seconds per channel", "about 50 updates per minute per workspace").
 *
 * <p>Each token comes back exactly one period after it was taken, so no window of length
 * {@code period} ever holds more than {@code capacity} takes. A classic continuously refilling
 * bucket would allow nearly twice the capacity in one window (a full burst plus the refill), which
 * platforms counting in windows answer with 429s.
 */
public final class TokenBucket {
  private final int capacity;
  private final long periodNanos;
  private final NanoClock clock;
  /** When each token taken within the last period comes back, oldest first. */
  private final ArrayDeque<Long> returns = new ArrayDeque<>();
  private final boolean unlimited;

  /** A monotonic clock, replaceable in tests. */
  @FunctionalInterface
  public interface NanoClock {
    long nanoTime();
  }

  public TokenBucket(int capacity, Duration period) {
    this(capacity, period, System::nanoTime);
  }

  public TokenBucket(int capacity, Duration period, NanoClock clock) {
    this(capacity, period, clock, false);
  }

  private TokenBucket(int capacity, Duration period, NanoClock clock, boolean unlimited) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
    this.capacity = capacity;
    this.periodNanos = period.toNanos();
    this.clock = clock;
    this.unlimited = unlimited;
  }

  /** A budget that never makes anyone wait, for sinks without a platform limit (the console). */
  public static TokenBucket unlimited() {
    return new TokenBucket(Integer.MAX_VALUE, Duration.ofNanos(1), System::nanoTime, true);
  }

  /**
   * Takes one token if there is one and returns {@link Duration#ZERO}; otherwise takes nothing
   * and returns how long until a token comes back.
   */
  public synchronized Duration tryTake() {
    if (unlimited) return Duration.ZERO;
    long now = clock.nanoTime();
    while (!returns.isEmpty() && returns.peekFirst() - now <= 0) returns.pollFirst();
    if (returns.size() < capacity) {
      returns.addLast(now + periodNanos);
      return Duration.ZERO;
    }
    return Duration.ofNanos(returns.peekFirst() - now);
  }

  /**
   * Holds every token back for {@code pause}: used when the platform said we went too fast, so
   * every reply in the channel backs off, not just the one that was refused.
   */
  public synchronized void drainFor(Duration pause) {
    if (unlimited) return;
    long back = clock.nanoTime() + pause.toNanos();
    // Tokens already out keep their later return time: forgetting them would let a burst through.
    ArrayDeque<Long> held = new ArrayDeque<>();
    for (Long at : returns) held.addLast(at - back > 0 ? at : back);
    while (held.size() < capacity) held.addFirst(back);
    returns.clear();
    returns.addAll(held);
  }

  public int capacity() {
    return capacity;
  }
}
