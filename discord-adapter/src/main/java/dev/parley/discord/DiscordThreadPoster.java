package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.api.reply.MessageSplitter;
import dev.parley.core.api.reply.TokenBucket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Posts the core's own messages (a ticket's status, a handoff) into a Discord thread, or the
 * channel when the conversation has no thread of its own, through JDA.
 *
 * <p>Mentions are ruled by {@code allowed_mentions}, not by the text: the message allows exactly
 * the configured role and nothing else (no {@code parse} types, so no {@code @everyone}, no
 * {@code @here}, no users, no other role), which Discord serialises as
 * {@code "allowed_mentions":{"parse":[],"roles":["<id>"]}} (Discord API docs, "Allowed Mentions
 * Object": ids listed in {@code roles} are pinged even when {@code parse} is empty). A role
 * mention in the text that is not the configured one renders but pings nobody.
 *
 * <p>The post takes a token from the channel's shared budget ({@link DiscordBudgets}) like any
 * reply, and JDA's own pacing honours Discord's rate-limit headers. Thread-safe.
 */
final class DiscordThreadPoster implements ThreadPoster {
  /** The longest the budget is waited for; past it, the caller hears of it and may try later. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);
  private static final Pattern ROLE = Pattern.compile("\\d{5,20}");
  /** Discord's content limit is 2,000 characters; the ping needs a few of them. */
  private static final MessageSplitter PARTS = new MessageSplitter(1_900);

  private final Supplier<List<JDA>> clients;
  private final DiscordBudgets budgets;

  DiscordThreadPoster(Supplier<List<JDA>> clients, DiscordBudgets budgets) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.budgets = Objects.requireNonNull(budgets, "budgets");
  }

  @Override
  public void post(ConversationKey conversation, String text, String onCallGroupId) {
    if (onCallGroupId != null && !ROLE.matcher(onCallGroupId).matches()) {
      throw new ThreadPostException("not a Discord role id: " + onCallGroupId, null);
    }
    MessageChannel channel = channel(conversation);
    List<String> parts = PARTS.texts(DisplayText.clean(text));
    for (int i = 0; i < parts.size(); i++) {
      // Only the first part pings: one call, not one per part.
      String role = i == 0 ? onCallGroupId : null;
      send(channel, message(role == null ? parts.get(i) : "<@&" + role + "> " + parts.get(i), role));
    }
  }

  static MessageCreateData message(String content, String roleId) {
    MessageCreateBuilder builder = new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of());
    if (roleId != null) builder.mentionRoles(roleId);
    return builder.build();
  }

  private void send(MessageChannel channel, MessageCreateData message) {
    awaitBudget(channel.getId());
    try {
      channel.sendMessage(message).complete();
    } catch (RuntimeException e) {
      throw new ThreadPostException("Discord refused the post: " + e.getMessage(), e);
    }
  }

  private void awaitBudget(String channelId) {
    TokenBucket bucket = budgets.forChannel(channelId).channelBucket();
    long deadline = System.nanoTime() + MAX_WAIT.toNanos();
    for (Duration wait = bucket.tryTake(); !wait.isZero(); wait = bucket.tryTake()) {
      if (System.nanoTime() + wait.toNanos() - deadline > 0) {
        throw new ThreadPostException("the channel's message budget is spent; try again later", null);
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ThreadPostException("interrupted while waiting for the channel's budget", e);
      }
    }
  }

  /**
   * The conversation's thread (its own channel id in Discord, equal to the channel's for a DM or a
   * channel-level conversation), from whichever shard's cache holds it. JDA has no REST lookup of
   * a channel by id, so a thread no shard has cached (archived before this process started) cannot
   * be reached: that fails rather than posting in the parent channel, where the message would lose
   * its context. Active threads are cached from the gateway (GUILD_CREATE, THREAD_CREATE) and from
   * the bot's own thread creation.
   */
  private MessageChannel channel(ConversationKey conversation) {
    for (JDA jda : clients.get()) {
      MessageChannel thread = jda.getChannelById(MessageChannel.class, conversation.thread());
      if (thread != null) return thread;
    }
    throw new ThreadPostException("this bot does not see the thread " + conversation.thread()
        + " (not cached here: archived, or in a guild of another shard's process)", null);
  }
}
