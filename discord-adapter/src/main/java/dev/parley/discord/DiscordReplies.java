package dev.parley.discord;

import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.reply.DisplayText;
import dev.parley.core.api.reply.EditBudget;
import dev.parley.core.api.reply.MessageSplitter;
import dev.parley.core.api.reply.ReplySink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;

/** Builds the sinks answers stream into; holds what every reply shares (splitter, budgets). */
final class DiscordReplies {
  private static final Consumer<List<String>> NOTHING = ids -> {};

  private final MessageSplitter splitter = new MessageSplitter(DiscordReplySink.MESSAGE_LIMIT);
  private final DiscordBudgets budgets;
  private final boolean pingAuthor;
  /** Tells where finished answers offer "Talk to a person"; null: nowhere. */
  private final ChannelSettingsResolver channels;
  private final WebhookEdits direct;

  DiscordReplies(DiscordBudgets budgets, boolean pingAuthor, ChannelSettingsResolver channels, WebhookEdits direct) {
    this.budgets = budgets;
    this.pingAuthor = pingAuthor;
    this.channels = channels;
    this.direct = direct;
  }

  /** A reply of ordinary messages in a DM or thread. */
  ReplySink inChannel(MessageChannel channel, ConversationKey key, String authorId) {
    return sink(new ChannelReplyTarget(channel), budgets.forChannel(channel.getId()), null, key, false, authorId,
        NOTHING);
  }

  /** A reply in a new thread started from {@code message}, created when the reply starts. */
  ReplySink inNewThread(Message message, String threadName, ConversationKey key, String authorId) {
    var target = new NewThreadReplyTarget(message, threadName);
    return sink(target, budgets.forChannel(target.channelId()), null, key, false, authorId, NOTHING);
  }

  /** The reply to a deferred interaction, in its original response and follow-ups. */
  ReplySink forInteraction(InteractionHook hook, MessageChannel channel, String originalId, boolean ephemeral,
      ConversationKey key, String authorId, Consumer<List<String>> whenDone) {
    var target = new InteractionReplyTarget(hook, channel, originalId, ephemeral, direct);
    String first = originalId != null ? originalId : InteractionReplyTarget.ORIGINAL;
    return sink(target, budgets.forInteraction(hook.getInteraction().getToken()), first, key, ephemeral, authorId,
        whenDone);
  }

  /**
   * The reply to an interaction whose deferral {@code deferral} is still on its way; it starts in
   * the deferred response once Discord confirmed it.
   */
  ReplySink forDeferral(IReplyCallback event, CompletableFuture<InteractionHook> deferral, boolean ephemeral,
      ConversationKey key, String authorId) {
    var target = new DeferredReplyTarget(deferral, event.getMessageChannel(), ephemeral, direct);
    return sink(target, budgets.forInteraction(event.getToken()), InteractionReplyTarget.ORIGINAL, key, ephemeral,
        authorId, NOTHING);
  }

  private ReplySink sink(ReplyTarget target, EditBudget budget, String firstMessageId, ConversationKey key,
      boolean privately, String authorId, Consumer<List<String>> whenDone) {
    List<String> pingable = pingAuthor ? List.of(authorId) : List.of();
    return new DiscordReplySink(target, firstMessageId, splitter, budget,
        ReplyButtons.Ids.forConversation(key, privately, offersHandoff(key)), pingable, whenDone);
  }

  private boolean offersHandoff(ConversationKey key) {
    return channels != null && channels.settingsFor(key).handoff().enabled();
  }

  /**
   * A reply to an interaction that pings nobody: {@code allowed_mentions} is sent empty, so not
   * even text a user typed (a model name, a ticket title) can reach {@code @everyone} or a role.
   * Every direct interaction reply goes through here.
   */
  static ReplyCallbackAction notice(IReplyCallback event, String text) {
    return event.reply(text).setAllowedMentions(List.of());
  }

  /**
   * A thread's name: the prompt's first line, as Discord allows at most 100 characters, cut
   * where no character (surrogate pair, emoji sequence) is split.
   */
  static String threadName(String prompt) {
    String line = DisplayText.clean(prompt).strip().lines().findFirst().orElse("").strip();
    if (line.isEmpty()) return "Parley";
    return DisplayText.cut(line, 100);
  }
}
