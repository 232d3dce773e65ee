package dev.parley.discord;

import dev.parley.core.api.reply.ChannelBudgets;
import dev.parley.core.api.reply.EditBudget;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord's edit budgets: about 5 message creates and edits per 5 seconds per channel, and an
 * interaction's webhook has a bucket of the same size. Every reply in a channel shares one
 * bucket (the core's bounded {@link ChannelBudgets}), so two answers streaming side by side do
 * not each spend the whole budget. When Discord's headers say a bucket is spent
 * ({@link DiscordBucketHeaders}), the channel's bucket is emptied until Discord's reset; what is
 * Discord's own here is that an interaction's webhook writes count for its channel while its
 * token lives. Thread-safe.
 */
final class DiscordBudgets {
  static final int EDITS_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofSeconds(5);
  /** One message edited at most once a second leaves room for a second reply in the channel. */
  static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);
  /** An interaction token lives 15 minutes; its webhook is forgotten after that. */
  static final Duration WEBHOOK_LIFETIME = Duration.ofMinutes(15);

  private final ChannelBudgets channels = new ChannelBudgets(MIN_EDIT_INTERVAL, EDITS_PER_WINDOW, WINDOW);
  private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();

  private record Webhook(String channelId, long expiresAtNanos) {}

  EditBudget forChannel(String channelId) {
    return channels.forPlace(channelId);
  }

  /** Makes writes through an interaction's webhook count for the channel it answers in. */
  void rememberWebhook(String interactionToken, String channelId) {
    long now = System.nanoTime();
    webhooks.values().removeIf(webhook -> webhook.expiresAtNanos() - now < 0);
    webhooks.put(interactionToken, new Webhook(channelId, now + WEBHOOK_LIFETIME.toNanos()));
  }

  /** Discord said the channel's bucket is empty for {@code resetAfter}. */
  void spent(String channelId, Duration resetAfter) {
    channels.spent(channelId, resetAfter);
  }

  void webhookSpent(String interactionToken, Duration resetAfter) {
    Webhook webhook = webhooks.get(interactionToken);
    if (webhook != null) spent(webhook.channelId(), resetAfter);
  }
}
