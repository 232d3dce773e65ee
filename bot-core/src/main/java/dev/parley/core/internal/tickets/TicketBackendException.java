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
  private final boolean nothingCreated;

  public TicketBackendException(String message, boolean retriable, Duration retryAfter, boolean nothingCreated,
      Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
    this.retryAfter = retryAfter;
    this.nothingCreated = nothingCreated;
  }

  /** A refusal that the same request will meet again (bad token, unknown project); nothing was created. */
  public static TicketBackendException refused(String message) {
    return new TicketBackendException(message, false, null, true, null);
  }

  /**
   * A failure that may pass (5xx, network), after {@code retryAfter} if known. The tracker may
   * have created the issue before it failed, so a retry looks for it first.
   */
  public static TicketBackendException transientFailure(String message, Duration retryAfter, Throwable cause) {
    return new TicketBackendException(message, true, retryAfter, false, cause);
  }

  /** A rate limit or a wait Parley keeps: the tracker created nothing, and will after {@code retryAfter}. */
  public static TicketBackendException limited(String message, Duration retryAfter) {
    return new TicketBackendException(message, true, retryAfter, true, null);
  }

  /** Whether the tracker surely created nothing (it answered with a refusal, or was not called). */
  public boolean nothingCreated() {
    return nothingCreated;
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
