package dev.parley.core.internal.engine;

import java.time.Duration;

/**
 * Makes each platform event count once across retries and bot instances. The Redis
 * implementation records ids with {@code SET NX EX}.
 */
public interface EventDeduplicator {

  /** Slack retries for up to about 5 minutes; keep ids at least twice that. */
  Duration DEFAULT_TTL = Duration.ofMinutes(15);

  /**
   * Records {@code eventId} for {@code platform} and says whether this is its first sighting.
   * Thread-safe; exactly one caller across all instances gets {@code true}.
   */
  boolean firstSighting(String platform, String eventId);
}
