package dev.parley.discord;

import dev.parley.core.reply.EditBudget;
import dev.parley.core.reply.TokenBucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord allows about 5 message creates and edits per 5 seconds per channel, and an
 * interaction's webhook has a bucket of the same size. Every reply in a channel shares one
 * bucket, so two answers streaming side by side do not each spend the whole budget.
 */
final class ChannelBudgets {
  static final int EDITS_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofSeconds(5);
  /** One message edited at most once a second leaves room for a second reply in the channel. */
  static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);

  private final Map<String, EditBudget> budgets = new ConcurrentHashMap<>();

  EditBudget forChannel(String channelId) {
    return budgets.computeIfAbsent(channelId,
        id -> new EditBudget(MIN_EDIT_INTERVAL, new TokenBucket(EDITS_PER_WINDOW, WINDOW)));
  }
}
