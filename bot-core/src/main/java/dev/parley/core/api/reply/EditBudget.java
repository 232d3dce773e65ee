package dev.parley.core.api.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A platform's budget for one reply: a minimum interval between two edits of the same message,
 * and the rate budgets every call of the reply must pass, each shared with the other replies
 * that write through it. On Discord a channel message passes its channel's bucket and the bot's
 * global one, an interaction's webhook only its own token's; on Slack a reply passes its
 * workspace's bucket for the method it calls.
 *
 * @param buckets the shared budgets, most specific first (the reply's route, then anything wider
 *     such as a global limit); every call takes one token from each, in this order
 * @param paced whether a channel's configured reply cadence applies on top of this budget. A
 *     cadence spares a chat platform edits that each cost a request and redraw a message; a sink
 *     with nothing to spare, such as a terminal that only prints what is new, declares
 *     {@link #unpaced()} and gets every change as it arrives.
 */
public record EditBudget(Duration minInterval, List<TokenBucket> buckets, boolean paced) {
  public EditBudget {
    Objects.requireNonNull(minInterval, "minInterval");
    buckets = List.copyOf(buckets);
    if (buckets.isEmpty()) throw new IllegalArgumentException("a budget needs at least one bucket");
    if (minInterval.isNegative()) throw new IllegalArgumentException("minInterval must not be negative");
  }

  /** A platform's budget with one shared bucket, paced by the channel's reply cadence as well. */
  public EditBudget(Duration minInterval, TokenBucket channelBucket) {
    this(minInterval, List.of(channelBucket), true);
  }

  /** A platform's budget whose calls pass {@code route}, then each of {@code wider}. */
  public static EditBudget of(Duration minInterval, TokenBucket route, TokenBucket... wider) {
    List<TokenBucket> all = new ArrayList<>();
    all.add(route);
    all.addAll(List.of(wider));
    return new EditBudget(minInterval, all, true);
  }

  /** No interval, no bucket and no cadence: each change goes to the sink at once. */
  public static EditBudget unpaced() {
    return new EditBudget(Duration.ZERO, List.of(TokenBucket.unlimited()), false);
  }

  /** The most specific bucket: the channel's, the webhook's or the workspace method's. */
  public TokenBucket channelBucket() {
    return buckets.getFirst();
  }

  /**
   * Blocks until every bucket allows one more call, ahead of the streaming edits waiting there:
   * for a one-shot post outside a streamed reply (a handoff, a ticket status) in the same place.
   */
  public void awaitOneShot() {
    for (TokenBucket bucket : buckets) bucket.awaitOne();
  }

  /**
   * How often one reply may edit at this moment: the larger of {@link #minInterval()} and each
   * bucket's {@link TokenBucket#fairShare() fair share} among the replies live there now.
   */
  public Duration permittedInterval() {
    Duration interval = minInterval;
    for (TokenBucket bucket : buckets) {
      Duration share = bucket.fairShare();
      if (share.compareTo(interval) > 0) interval = share;
    }
    return interval;
  }
}
