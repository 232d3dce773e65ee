package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.Objects;

/**
 * A platform's edit budget for one channel: a minimum interval between two edits of the same
 * message, and a token bucket shared by every message of the channel.
 */
public record EditBudget(Duration minInterval, TokenBucket channelBucket) {
  public EditBudget {
    Objects.requireNonNull(minInterval, "minInterval");
    Objects.requireNonNull(channelBucket, "channelBucket");
    if (minInterval.isNegative()) throw new IllegalArgumentException("minInterval must not be negative");
  }
}
