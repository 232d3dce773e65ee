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
 * Discord's rate limits, keyed the way Discord keys them
 * (discord.com/developers/docs/topics/rate-limits), each as a fixed window:
 * <ul>
 *   <li>per-route buckets of {@code limit} requests per window: a channel's message writes
 *       ({@code channel:ID}), or one interaction token's webhook ({@code webhook:TOKEN});
 *   <li>the bot's global limit of 50 requests per second over every request authorised with the
 *       bot token. Interaction callbacks and webhooks carry no bot token and are not bound by it.
 * </ul>
 * A request over a limit gets a 429 with Discord's body ({@code retry_after} in fractional
 * seconds, {@code global}). The fake also remembers each 429's wait and records any request for
 * the same bucket (or, after a global 429, any bot request) that arrives before the wait passed:
 * {@link #unhonoured()} must stay empty for a client that honours {@code Retry-After}.
 * Thread-safe.
 */
final class FakeRateLimits {
  static final String GLOBAL = "global";

  private final Map<String, Window> windows = new HashMap<>();
  /** When each bucket's last 429 said it may be used again, in nanoTime. */
  private final Map<String, Long> retryUntil = new HashMap<>();
  private final List<Unhonoured> unhonoured = new CopyOnWriteArrayList<>();
  private volatile int limit = 5;
  private volatile long windowMillis = 5000;
  private volatile int globalPerSecond = 50;

  /** A request that came before the {@code Retry-After} of an earlier 429 for its bucket passed. */
  record Unhonoured(String bucket, Instant at, long earlyByMillis) {}

  /**
   * One request's verdict and the headers Discord sends with it.
   *
   * @param retryUntil for a 429 whose {@code Retry-After} is sent as an HTTP-date, that date; else null
   * @param global whether the bot's global limit refused it (no bucket headers then)
   */
  record Verdict(boolean allowed, String bucketHash, int limit, int remaining, double resetAfterSeconds,
      Instant retryUntil, boolean global) {
    Map<String, String> headers() {
      if (global) return Map.of("X-RateLimit-Global", "true", "X-RateLimit-Scope", "global");
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

  /** The bot's global limit per second (Discord's is 50). */
  void globalLimit(int perSecond) {
    this.globalPerSecond = perSecond;
  }

  /** Requests that came before the {@code Retry-After} of a 429 for their bucket passed. */
  List<Unhonoured> unhonoured() {
    return List.copyOf(unhonoured);
  }

  /**
   * Answers the next {@code count} writes with a 429 whatever their bucket's headers said, as
   * Discord does when another client of the same bot spent the bucket.
   */
  synchronized void rejectNext(int count) {
    forcedRejections = count;
  }

  /** Counts a request authorised by the bot token against the global limit; null when allowed. */
  synchronized Verdict takeGlobal() {
    long now = System.currentTimeMillis();
    checkHonoured(GLOBAL);
    Window window = window(GLOBAL, now, 1000);
    if (window.used < globalPerSecond) {
      window.used++;
      return null;
    }
    double retryAfter = Math.max(0.001, (window.start + 1000 - now) / 1000.0);
    remember(GLOBAL, retryAfter);
    return new Verdict(false, GLOBAL, globalPerSecond, 0, retryAfter, null, true);
  }

  synchronized Verdict take(String bucket) {
    long now = System.currentTimeMillis();
    checkHonoured(bucket);
    Window window = window(bucket, now, windowMillis);
    double resetAfter = Math.max(0.001, (window.start + windowMillis - now) / 1000.0);
    String hash = Integer.toHexString(bucket.hashCode());
    if (forcedRejections > 0) {
      forcedRejections--;
      return rejected(bucket, hash, 1.0);
    }
    if (window.used >= limit) return rejected(bucket, hash, resetAfter);
    window.used++;
    return new Verdict(true, hash, limit, limit - window.used, resetAfter, null, false);
  }

  private Window window(String key, long now, long length) {
    Window window = windows.computeIfAbsent(key, b -> new Window());
    if (now - window.start >= length) {
      window.start = now;
      window.used = 0;
    }
    return window;
  }

  private void checkHonoured(String bucket) {
    Long until = retryUntil.get(bucket);
    long now = System.nanoTime();
    if (until != null && until - now > 0) {
      unhonoured.add(new Unhonoured(bucket, Instant.now(), (until - now) / 1_000_000));
    }
  }

  private void remember(String bucket, double seconds) {
    retryUntil.put(bucket, System.nanoTime() + Math.round(seconds * 1_000_000_000L));
  }

  private Verdict rejected(String bucket, String hash, double resetAfter) {
    Instant until = null;
    if (retryAfterAsDate) {
      until = Instant.now().plusMillis(Math.round(resetAfter * 1000)).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
      datesSent.add(until);
      remember(bucket, Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) / 1000.0);
    } else {
      remember(bucket, resetAfter);
    }
    return new Verdict(false, hash, limit, 0, resetAfter, until, false);
  }
}
