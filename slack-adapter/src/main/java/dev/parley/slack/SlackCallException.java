package dev.parley.slack;

import java.time.Duration;

/**
 * A Web API call that failed: Slack answered {@code ok:false}, a non-2xx status, or the request
 * never got an answer. Carries Slack's error code ({@code ratelimited},
 * {@code message_not_in_streaming_state}, …) and, for a 429, the {@code Retry-After} delay.
 */
final class SlackCallException extends RuntimeException {
  private final String error;
  private final Duration retryAfter;

  SlackCallException(String method, String error, Duration retryAfter, Throwable cause) {
    super(method + " failed: " + error, cause);
    this.error = error;
    this.retryAfter = retryAfter;
  }

  String error() {
    return error;
  }

  boolean rateLimited() {
    return retryAfter != null;
  }

  /** Slack's {@code Retry-After}, or null when this was not a rate limit. */
  Duration retryAfter() {
    return retryAfter;
  }
}
