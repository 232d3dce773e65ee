package dev.parley.core.internal.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may succeed if tried again later: rate limits (429), flex capacity (498),
 * server errors (5xx), timeouts, and streams cut before they finished.
 */
public non-sealed class RetriableLlmException extends LlmException {

  private final Duration retryAfter;

  public RetriableLlmException(
      String message, int httpStatus, String code, Duration retryAfter, Throwable cause) {
    super(message, httpStatus, code, cause);
    this.retryAfter = retryAfter;
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
