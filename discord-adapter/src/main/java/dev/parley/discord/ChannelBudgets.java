package dev.parley.discord;

import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord allows about 5 message creates and edits per 5 seconds per channel, and an
 * interaction's webhook has a bucket of the same size. Every reply in a channel shares one
 * bucket, so two answers streaming side by side do not each spend the whole budget. When
 * Discord's headers say a bucket is spent ({@link DiscordBucketHeaders}), the channel's bucket is
 * emptied until Discord's reset. Thread-safe.
 */
final class ChannelBudgets {
  static final int EDITS_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofSeconds(5);
  /** One message edited at most once a second leaves room for a second reply in the channel. */
  static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);
  /** An interaction token lives 15 minutes; its webhook is forgotten after that. */
  static final Duration WEBHOOK_LIFETIME = Duration.ofMinutes(15);

  /** Channels remembered; an evicted idle channel simply gets a fresh, full bucket next time. */
  static final int MAX_CHANNELS = 10_000;

  private final Map<String, EditBudget> budgets = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EditBudget> eldest) {
          return size() > MAX_CHANNELS;
        }
      });
  private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();

  private record Webhook(String channelId, long expiresAtNanos) {}

  EditBudget forChannel(String channelId) {
    return budgets.computeIfAbsent(channelId,
        id -> new EditBudget(MIN_EDIT_INTERVAL, new TokenBucket(EDITS_PER_WINDOW, WINDOW)));
  }

  /** Makes writes through an interaction's webhook count for the channel it answers in. */
  void rememberWebhook(String interactionToken, String channelId) {
    long now = System.nanoTime();
    webhooks.values().removeIf(webhook -> webhook.expiresAtNanos() - now < 0);
    webhooks.put(interactionToken, new Webhook(channelId, now + WEBHOOK_LIFETIME.toNanos()));
  }

  /** Discord said the channel's bucket is empty for {@code resetAfter}. */
  void spent(String channelId, Duration resetAfter) {
    EditBudget budget = budgets.get(channelId);
    if (budget != null) budget.channelBucket().drainFor(resetAfter);
  }

  void webhookSpent(String interactionToken, Duration resetAfter) {
    Webhook webhook = webhooks.get(interactionToken);
    if (webhook != null) spent(webhook.channelId(), resetAfter);
  }
}
