package dev.parley.discord.e2e;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Discord's per-route buckets as a fixed window: {@code limit} requests per window per bucket (a
 * channel's messages, or one interaction webhook). Thread-safe.
 */
final class FakeRateLimits {
  private final Map<String, Window> windows = new HashMap<>();
  private volatile int limit = 5;
  private volatile long windowMillis = 5000;

  /** One request's verdict and the headers Discord sends with it. */
  record Verdict(boolean allowed, String bucketHash, int limit, int remaining, double resetAfterSeconds) {
    Map<String, String> headers() {
      return Map.of(
          "X-RateLimit-Bucket", bucketHash,
          "X-RateLimit-Limit", Integer.toString(limit),
          "X-RateLimit-Remaining", Integer.toString(remaining),
          "X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfterSeconds),
          "X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f",
              System.currentTimeMillis() / 1000.0 + resetAfterSeconds));
    }

    /** Discord's integer header, rounded up; the body keeps the fraction. */
    String retryAfterHeader() {
      return Long.toString((long) Math.ceil(resetAfterSeconds));
    }
  }

  private static final class Window {
    long start;
    int used;
  }

  private int forcedRejections;

  void configure(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /**
   * Answers the next {@code count} writes with a 429 whatever their bucket's headers said, as
   * Discord does when another client of the same bot spent the bucket.
   */
  synchronized void rejectNext(int count) {
    forcedRejections = count;
  }

  synchronized Verdict take(String bucket) {
    long now = System.currentTimeMillis();
    Window window = windows.computeIfAbsent(bucket, b -> new Window());
    if (now - window.start >= windowMillis) {
      window.start = now;
      window.used = 0;
    }
    double resetAfter = Math.max(0.001, (window.start + windowMillis - now) / 1000.0);
    String hash = Integer.toHexString(bucket.hashCode());
    if (forcedRejections > 0) {
      forcedRejections--;
      return new Verdict(false, hash, limit, 0, 1.0);
    }
    if (window.used >= limit) return new Verdict(false, hash, limit, 0, resetAfter);
    window.used++;
    return new Verdict(true, hash, limit, limit - window.used, resetAfter);
  }
}
