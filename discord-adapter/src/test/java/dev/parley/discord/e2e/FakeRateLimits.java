package dev.parley.discord.e2e;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Discord's per-route buckets as a fixed window: {@code limit} requests per window per bucket (a
 * channel's messages, or one interaction webhook). Thread-safe.
 */
final class FakeRateLimits {
  private final Map<String, Window> windows = new HashMap<>();
  private volatile int limit = 5;
  private volatile long windowMillis = 5000;

  /**
   * One request's verdict and the headers Discord sends with it.
   *
   * @param retryUntil for a 429 whose {@code Retry-After} is sent as an HTTP-date, that date; else null
   */
  record Verdict(boolean allowed, String bucketHash, int limit, int remaining, double resetAfterSeconds,
      Instant retryUntil) {
    Map<String, String> headers() {
      return Map.of(
          "X-RateLimit-Bucket", bucketHash,
          "X-RateLimit-Limit", Integer.toString(limit),
          "X-RateLimit-Remaining", Integer.toString(remaining),
          "X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfterSeconds),
          "X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f",
              System.currentTimeMillis() / 1000.0 + resetAfterSeconds));
    }

    /** Discord's integer header, rounded up (the body keeps the fraction), or the HTTP-date. */
    String retryAfterHeader() {
      if (retryUntil != null) return DateTimeFormatter.RFC_1123_DATE_TIME.format(retryUntil.atOffset(ZoneOffset.UTC));
      return Long.toString((long) Math.ceil(resetAfterSeconds));
    }
  }

  private static final class Window {
    long start;
    int used;
  }

  private int forcedRejections;
  private volatile boolean retryAfterAsDate;
  private final List<Instant> datesSent = new CopyOnWriteArrayList<>();

  /**
   * Sends a 429's {@code Retry-After} as an HTTP-date (RFC 9110 allows it; a proxy in front of
   * Discord may send one) two to three seconds away, later than the body's {@code retry_after}, so
   * only a client that reads the date waits long enough.
   */
  void retryAfterAsHttpDate(boolean asDate) {
    retryAfterAsDate = asDate;
  }

  /** The HTTP-dates sent in {@code Retry-After}, oldest first. */
  List<Instant> datesSent() {
    return List.copyOf(datesSent);
  }

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
      return rejected(hash, 1.0);
    }
    if (window.used >= limit) return rejected(hash, resetAfter);
    window.used++;
    return new Verdict(true, hash, limit, limit - window.used, resetAfter, null);
  }

  private Verdict rejected(String hash, double resetAfter) {
    Instant until = null;
    if (retryAfterAsDate) {
      until = Instant.now().plusMillis(Math.round(resetAfter * 1000)).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
      datesSent.add(until);
    }
    return new Verdict(false, hash, limit, 0, resetAfter, until);
  }
}
