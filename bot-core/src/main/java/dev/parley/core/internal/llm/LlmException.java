package dev.parley.core.internal.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * Root of the one unchecked hierarchy for model failures. Retry code looks only at
 * {@link RetriableLlmException}; everything else is final for the request.
 */
public abstract sealed class LlmException extends RuntimeException
    permits RetriableLlmException, NonRetriableLlmException {

  private final int httpStatus;
  private final String code;

  protected LlmException(String message, int httpStatus, String code, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /** The HTTP status, 200 for an in-stream error, or 0 when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The API's error code such as {@code rate_limit_exceeded}, or null. */
  public String code() {
    return code;
  }

  /** How long the server asked us to wait ({@code retry-after}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
