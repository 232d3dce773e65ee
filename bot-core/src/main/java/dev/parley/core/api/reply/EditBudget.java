package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.Objects;

/**
 * A platform's edit budget for one channel: a minimum interval between two edits of the same
 * message, and a token bucket shared by every message of the channel.
 *
 * @param paced whether a channel's configured reply cadence applies on top of this budget. A
 *     cadence spares a chat platform edits that each cost a request and redraw a message; a sink
 *     with nothing to spare, such as a terminal that only prints what is new, declares
 *     {@link #unpaced()} and gets every change as it arrives.
 */
public record EditBudget(Duration minInterval, TokenBucket channelBucket, boolean paced) {
  public EditBudget {
    Objects.requireNonNull(minInterval, "minInterval");
    Objects.requireNonNull(channelBucket, "channelBucket");
    if (minInterval.isNegative()) throw new IllegalArgumentException("minInterval must not be negative");
  }

  /** A platform's budget, paced by the channel's reply cadence as well. */
  public EditBudget(Duration minInterval, TokenBucket channelBucket) {
    this(minInterval, channelBucket, true);
  }

  /** No interval, no bucket and no cadence: each change goes to the sink at once. */
  public static EditBudget unpaced() {
    return new EditBudget(Duration.ZERO, TokenBucket.unlimited(), false);
  }
}
