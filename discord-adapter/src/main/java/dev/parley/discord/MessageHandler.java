package dev.parley.discord;

import dev.parley.core.api.AccessGate;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.api.reply.ReplySink;
import java.util.Objects;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers messages, one way: read the event, map it ({@link DiscordEventMapper#message}), check
 * access, submit, reply. A mention in a channel starts a thread from the message, a thread the
 * bot started is answered without a mention, and a DM is one conversation. Submits on the event
 * thread, so the core takes the conversation's place in line in arrival order. A message from
 * outside the allow-lists is dropped before anything is posted: a refused mention opens no thread.
 */
final class MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);

  private final Conversations conversations;
  private final ChannelSettingsResolver channels;
  private final DiscordReplies replies;
  private final LatestAskers askers;
  private final AccessGate access;
  private final DiscordCdn cdn;

  /** @param cdn where the messages' attachments are downloaded from, when the core wants them */
  MessageHandler(BotCore core, DiscordReplies replies, LatestAskers askers, DiscordCdn cdn) {
    this.conversations = core.conversations();
    this.channels = core.channels();
    this.access = core.access();
    this.replies = Objects.requireNonNull(replies, "replies");
    this.askers = Objects.requireNonNull(askers, "askers");
    this.cdn = Objects.requireNonNull(cdn, "cdn");
  }

  void onMessage(MessageReceivedEvent event) {
    if (event.getAuthor().isBot() || event.isWebhookMessage()) return;
    var mapper = new DiscordEventMapper(event.getJDA().getSelfUser().getId());
    DiscordEventMapper.MessageView view = DiscordEvents.message(event, cdn);
    DiscordEventMapper.Decision decision = mapper.message(view);
    if (decision.action() == DiscordEventMapper.Action.IGNORE) return;
    // Only the core knows whether a channel answers every top-level message; asked only then.
    if (decision.action() == DiscordEventMapper.Action.START_THREAD_IF_SUPPORT_CHANNEL
        && !channels.settingsFor(decision.settingsScope()).supportChannel()) {
      return;
    }
    var message = withEarlierMessages(decision, view, event);
    if (!access.admit(decision.access(), false).allowed()) {
      log.debug("message refused; message={} conversation={} user={}", message.eventId(), message.conversation(),
          message.authorId());
      return;
    }
    var submission = conversations.submit(message, () -> sink(event, decision));
    // Only a question that will be answered claims Stop: a duplicate or a limited one must not
    // take it away from the person whose answer is on screen.
    if (submission.status() == Submission.Status.ACCEPTED) askers.remember(message.conversation(), message.authorId());
    log.debug("message submitted; message={} conversation={} attachments={} status={}", message.eventId(),
        message.conversation(), message.attachments().size(), submission.status());
  }

  /**
   * A mention carries what was said before it, which the core reads only if it answers: in a
   * thread the bot did not start, the thread so far; in a channel, the channel's recent
   * conversation. Not in the bot's own threads or DMs, where every message reached the bot and
   * the history holds them, nor for a support channel's new question, which starts afresh.
   */
  private static IncomingMessage withEarlierMessages(DiscordEventMapper.Decision decision,
      DiscordEventMapper.MessageView view, MessageReceivedEvent event) {
    var message = decision.message();
    if (decision.action() == DiscordEventMapper.Action.START_THREAD) {
      return message.withEarlierMessages(DiscordHistory.before(event.getChannel(), view.messageId(), false));
    }
    boolean othersThread = view.inThread() && !event.getJDA().getSelfUser().getId().equals(view.threadOwnerId());
    if (decision.action() == DiscordEventMapper.Action.ANSWER_IN_PLACE && othersThread) {
      return message.withEarlierMessages(DiscordHistory.before(event.getChannel(), view.messageId(), true));
    }
    return message;
  }

  private ReplySink sink(MessageReceivedEvent event, DiscordEventMapper.Decision decision) {
    var message = decision.message();
    if (decision.threadName() != null) {
      return replies.inNewThread(event.getMessage(), decision.threadName(), message.conversation(), message.authorId());
    }
    return replies.inChannel(event.getChannel(), message.conversation(), message.authorId());
  }
}
