package dev.parley.core.reply;

import java.time.Duration;

/**
 * A thread-safe token bucket: {@code capacity} tokens, refilled continuously at
 * {@code capacity} per {@code period}. Platforms describe budgets this way ("5 edits per 5
 * seconds per channel", "about 50 updates per minute per workspace").
 */
public final class TokenBucket {
  private final int capacity;
  private final long nanosPerToken;
  private final NanoClock clock;
  private double tokens;
  private long lastRefill;

  /** A monotonic clock, replaceable in tests. */
  @FunctionalInterface
  public interface NanoClock {
    long nanoTime();
  }

  public TokenBucket(int capacity, Duration period) {
    this(capacity, period, System::nanoTime);
  }

  public TokenBucket(int capacity, Duration period, NanoClock clock) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
    this.capacity = capacity;
    this.nanosPerToken = Math.max(1, period.toNanos() / capacity);
    this.clock = clock;
    this.tokens = capacity;
    this.lastRefill = clock.nanoTime();
  }

  /** An effectively unlimited bucket, for sinks that have no platform budget (the console). */
  public static TokenBucket unlimited() {
    return new TokenBucket(1_000_000, Duration.ofMillis(1));
  }

  /**
   * Takes one token if there is one and returns {@link Duration#ZERO}; otherwise takes nothing
   * and returns how long until a token is due.
   */
  public synchronized Duration tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
  }

  /** Empties the bucket for {@code pause}: used when the platform said we went too fast. */
  public synchronized void drainFor(Duration pause) {
    refill();
    tokens = -(double) pause.toNanos() / nanosPerToken;
  }

  public int capacity() {
    return capacity;
  }

  private void refill() {
    long now = clock.nanoTime();
    tokens = Math.min(capacity, tokens + (double) (now - lastRefill) / nanosPerToken);
    lastRefill = now;
  }
}
