package dev.parley.core.internal.llm.groq;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, bowing to the server's {@code retry-after}. */
record Backoff(Duration initial, Duration max) {

  /**
   * The wait before attempt {@code failedAttempt + 1}, or empty when the server asks for longer
   * than {@link #max()}: a chat reply cannot wait that long, so the error is surfaced with its
   * {@code retryAfter} for the caller to show.
   */
  Optional<Duration> delayAfter(int failedAttempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      return retryAfter.get().compareTo(max) <= 0 ? retryAfter : Optional.empty();
    }
    long ceiling = initial.toMillis() << Math.min(failedAttempt - 1, 20);
    long bound = Math.min(max.toMillis(), ceiling);
    return Optional.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1)));
  }
}
