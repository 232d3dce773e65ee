package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.Objects;

/** Thrown by a {@link ReplySink} when the platform answered an edit with a rate limit. */
public final class EditRejectedException extends RuntimeException {
  private final Duration retryAfter;

  public EditRejectedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
