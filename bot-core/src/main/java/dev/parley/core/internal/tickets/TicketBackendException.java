package dev.parley.core.internal.tickets;

import java.time.Duration;
import java.util.Optional;

/**
 * A tracker refused or could not be reached. The message is written for the model to explain to
 * the user (it names the tracker and its reason, never a token); {@link #retryAfter()} says when
 * trying again makes sense, as the tracker asked (GitHub's {@code retry-after} or
 * {@code x-ratelimit-reset}, Jira's {@code Retry-After}).
 */
public final class TicketBackendException extends RuntimeException {
  private final boolean retriable;
  private final Duration retryAfter;

  public TicketBackendException(String message, boolean retriable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
    this.retryAfter = retryAfter;
  }

  /** A refusal that the same request will meet again (bad token, unknown project). */
  public static TicketBackendException refused(String message) {
    return new TicketBackendException(message, false, null, null);
  }

  /** A failure that may pass (rate limit, 5xx, network), after {@code retryAfter} if known. */
  public static TicketBackendException transientFailure(String message, Duration retryAfter, Throwable cause) {
    return new TicketBackendException(message, true, retryAfter, cause);
  }

  public boolean retriable() {
    return retriable;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The message with when to try again, for a tool error or a command's notice. */
  public String notice() {
    if (retryAfter != null) {
      return getMessage() + " Try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds.";
    }
    return retriable ? getMessage() + " Try again in a little while." : getMessage();
  }
}
