package dev.parley.discord;

import dev.parley.core.api.reply.ChannelBudgets;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.List;

/**
 * Discord's budgets, keyed the way Discord keys them (discord.com/developers/docs/topics/rate-limits):
 * <ul>
 *   <li>the bot's <b>global</b> limit, 50 requests per second, which channel messages count
 *       towards; "interaction endpoints are not bound to the bot's Global Rate Limit";
 *   <li>a <b>per-route</b> bucket per top-level resource: a channel's message creates and edits
 *       (observed as 5 per 5 seconds), and each <b>interaction token's</b> webhook (the deferred
 *       original response and its follow-ups: {@code webhook_id + webhook_token} is its own
 *       top-level resource), sized like a channel's, which Discord does not publish.
 * </ul>
 * So the answers to fifty {@code /ask} in one channel do not share anything: each streams at its
 * own token's pace. Replies in one channel (threads are channels too) share that channel's bucket
 * and, with every other channel, the global one; each bucket schedules its replies fairly
 * ({@link TokenBucket}). When Discord's headers say a bucket is spent ({@link DiscordBucketHeaders}),
 * ours is emptied until Discord's reset. Thread-safe.
 */
final class DiscordBudgets {
  static final int EDITS_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofSeconds(5);
  static final int GLOBAL_PER_SECOND = 50;
  /** One message edited at most once a second: the bucket's own pace, never a burst of five. */
  static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);
  /**
   * Added to every window: Discord counts a request when it arrives, we when we send it, and a
   * request that waits a little longer on the wire would otherwise land in the previous window.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMillis(50);

  private final TokenBucket global = new TokenBucket(GLOBAL_PER_SECOND, Duration.ofSeconds(1).plus(CLOCK_MARGIN));
  private final ChannelBudgets channels = new ChannelBudgets(MIN_EDIT_INTERVAL, EDITS_PER_WINDOW,
      WINDOW.plus(CLOCK_MARGIN), ChannelBudgets.DEFAULT_MAX_PLACES, List.of(global));
  /** Keyed by interaction token; a token lives 15 minutes, the bounded map forgets old ones. */
  private final ChannelBudgets webhooks = new ChannelBudgets(MIN_EDIT_INTERVAL, EDITS_PER_WINDOW,
      WINDOW.plus(CLOCK_MARGIN));

  /** A reply of channel messages: the channel's bucket, then the global one. */
  EditBudget forChannel(String channelId) {
    return channels.forPlace(channelId);
  }

  /** A reply through an interaction's webhook: that token's bucket alone. */
  EditBudget forInteraction(String interactionToken) {
    return webhooks.forPlace(interactionToken);
  }

  /** The bot's global budget, shared by every channel message, for one-shot posts and metrics. */
  TokenBucket global() {
    return global;
  }

  /** Discord said the channel's bucket is empty for {@code resetAfter}. */
  void spent(String channelId, Duration resetAfter) {
    channels.spent(channelId, resetAfter);
  }

  void webhookSpent(String interactionToken, Duration resetAfter) {
    webhooks.spent(interactionToken, resetAfter);
  }

  /** Discord said the bot hit its global limit: no channel message goes out for {@code retryAfter}. */
  void globalSpent(Duration retryAfter) {
    global.drainFor(retryAfter);
  }
}
