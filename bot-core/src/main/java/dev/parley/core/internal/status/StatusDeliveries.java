package dev.parley.core.internal.status;

import java.time.Duration;

/**
 * Which status changes have been posted, shared by every instance, so a change is posted once
 * however many times and to however many instances it is delivered. A change is first claimed
 * (pending, for {@link #PENDING_TTL}), then either confirmed (done, for {@link #DONE_TTL}) once
 * the post landed, or released when it did not, so a redelivery can try again. Thread-safe.
 */
public interface StatusDeliveries {

  /**
   * Longer than a post with its retries takes, shorter than Jira's first retry: an instance that
   * dies mid-post blocks the change only this long.
   */
  Duration PENDING_TTL = Duration.ofMinutes(2);
  /**
   * Longer than anyone redelivers: Jira retries for about 30 minutes; GitHub keeps deliveries
   * for redelivery for 3 days.
   */
  Duration DONE_TTL = Duration.ofDays(4);

  /** What a claim found. */
  enum State { CLAIMED, IN_PROGRESS, DONE }

  /** The outcome of {@link #claim}; {@code token} is set only when {@code state} is CLAIMED. */
  record Claim(State state, String token) {}

  /**
   * Claims the change named by {@code changeKey} and, when not null, the delivery named by
   * {@code deliveryKey}, both within {@code scope} (the tracker and issue), atomically: CLAIMED
   * when neither was known, otherwise what the known one says.
   */
  Claim claim(String scope, String deliveryKey, String changeKey);

  /** Marks a claimed change done; does nothing when {@code token} no longer holds it. */
  void confirm(String scope, String deliveryKey, String changeKey, String token);

  /** Gives a claimed change up, so the next delivery posts it; same token rule as confirm. */
  void release(String scope, String deliveryKey, String changeKey, String token);
}
