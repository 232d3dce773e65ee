package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /ask}: acknowledges at once with a deferred reply, then streams the answer into the original response. In a guild text
 * channel the conversation is keyed by the answer's message id, and a thread started from the
 * answer carries it on; inside a thread or a DM it continues that conversation.
 */
final class AskHandler {
  private static final Logger log = LoggerFactory.getLogger(AskHandler.class);

  private final Conversations conversations;
  private final DiscordReplies replies;
  private final Executor executor;
  private final LatestAskers askers;
  private final ThreadStarts threads;

  /** @param threads starts a thread from an answer, within the bot's global budget */
  AskHandler(Conversations conversations, DiscordReplies replies, Executor executor, LatestAskers askers,
      ThreadStarts threads) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.askers = Objects.requireNonNull(askers, "askers");
    this.threads = Objects.requireNonNull(threads, "threads");
  }

  /**
   * Hands the deferral to JDA at once, on the calling (gateway) thread, and answers on the
   * executor. JDA's rate-limit workers, platform threads, send the deferral: at 1,000 questions in
   * a second, a deferral sent from the answer's own virtual thread first waited its turn behind
   * every runnable virtual thread (streams being read, edits being sent), and the load benchmark's
   * placeholder p99 was that queue (docs/benchmarks.md). {@code submit()} only queues the request;
   * JDA's limiter lock it takes is held briefly, and streaming edits of interactions no longer take
   * it ({@link WebhookEdits}). The executor starts a virtual thread per task for the answer.
   */
  void ask(IReplyCallback event, DiscordCommand ask) {
    CompletableFuture<InteractionHook> deferred = event.deferReply(ask.privately()).submit();
    executor.execute(() -> {
      try {
        answer(event, deferred.join(), ask);
      } catch (RuntimeException e) {
        log.error("cannot answer an interaction; platform=discord interaction={} channel={}", event.getId(),
            event.getChannelId(), e);
        if (deferred.isDone() && !deferred.isCompletedExceptionally()) {
          event.getHook().editOriginal(DiscordEventListener.SORRY).setAllowedMentions(List.of()).queue(null,
              error -> log.warn("cannot report the failure; interaction={}", event.getId(), error));
        }
      }
    });
  }

  private void answer(IReplyCallback event, InteractionHook hook, DiscordCommand ask) {
    boolean newConversation = ask.conversation() == null;
    String originalId = originalId(hook, newConversation);
    IncomingMessage message = ask.askMessage(originalId);
    ConversationKey key = message.conversation();
    MessageChannel channel = event.getMessageChannel();
    boolean startThread = newConversation && !ask.privately() && channel instanceof IThreadContainer
        && channel.getType() != ChannelType.FORUM && channel.getType() != ChannelType.MEDIA;
    AtomicBoolean opened = new AtomicBoolean();
    Submission submission = conversations.submit(message, () -> {
      opened.set(true);
      return replies.forInteraction(hook, channel, originalId, ask.privately(), key, message.authorId(), ids -> {
        if (startThread) startThread((IThreadContainer) channel, originalId, message.text());
      });
    });
    log.debug("ask submitted; interaction={} conversation={} status={}", event.getId(), key, submission.status());
    // Only a question that will be answered claims Stop (see MessageHandler).
    if (submission.status() == Submission.Status.ACCEPTED) askers.remember(key, message.authorId());
    // A duplicate, or a limited question whose conversation was already told, shows nothing: the
    // deferred "thinking" response must not stay behind.
    if (!opened.get()) hook.deleteOriginal().queue();
  }

  /** The deferred response's id, from the callback response or (when it is needed) a lookup. */
  private static String originalId(InteractionHook hook, boolean required) {
    if (hook.hasCallbackResponse()) {
      Message message = hook.getCallbackResponse().getMessage();
      if (message != null) return message.getId();
    }
    return required ? hook.retrieveOriginal().complete().getId() : null;
  }

  /**
   * The answer is already shown; a thread only gives follow-ups a place. Without Create Public
   * Threads, JDA would refuse before sending, by throwing: the answer stays, only the thread is
   * skipped.
   *
   * <p>Starting a thread is a channel route, inside the bot's global limit of 50 requests a second
   * (discord.com/developers/docs/topics/rate-limits#global-rate-limit): it waits for the global
   * budget ({@link ThreadStarts}), on the executor, so the answer's final edit does not wait with it.
   * Unbudgeted, 300 answers finishing within a second made Discord refuse dozens with a global 429
   * (the load benchmark, docs/benchmarks.md).
   */
  private void startThread(IThreadContainer channel, String answerId, String prompt) {
    if (!channel.getGuild().getSelfMember().hasPermission(channel, Permission.CREATE_PUBLIC_THREADS)) {
      log.info("no thread for an answer: missing permission; channel={} message={} permission={}",
          channel.getId(), answerId, Permission.CREATE_PUBLIC_THREADS.getName());
      return;
    }
    executor.execute(() -> {
      try {
        String thread = threads.start(channel.getJDA(), channel.getId(), answerId, DiscordReplies.threadName(prompt));
        if (thread != null) log.debug("thread started; channel={} thread={}", channel.getId(), thread);
      } catch (RuntimeException e) {
        log.warn("cannot start a thread from an answer; channel={} message={}", channel.getId(), answerId, e);
      }
    });
  }
}
