package dev.parley.discord;

import dev.parley.core.internal.access.AccessControl;
import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.IncomingMessage;
import dev.parley.core.api.Submission;
import dev.parley.core.api.reply.ReplySink;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers messages: a mention in a channel starts a thread from the message, a thread the bot
 * started is answered without a mention, and a DM is one conversation. Submits on the event
 * thread, so the core takes the conversation's place in line in arrival order. A message from
 * outside the allow-lists is dropped there, before anything is posted: a refused mention opens no
 * thread.
 */
final class MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);

  private final Conversations conversations;
  private final DiscordReplies replies;
  private final LatestAskers askers;
  private final AccessControl access;

  MessageHandler(Conversations conversations, DiscordReplies replies, LatestAskers askers, AccessControl access) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.askers = Objects.requireNonNull(askers, "askers");
    this.access = Objects.requireNonNull(access, "access");
  }

  void onMessage(MessageReceivedEvent event) {
    if (event.getAuthor().isBot() || event.isWebhookMessage()) return;
    var mapper = new DiscordMessageMapper(event.getJDA().getSelfUser().getId());
    DiscordMessageMapper.MessageView view = view(event);
    DiscordMessageMapper.Decision decision = mapper.decide(view, supportChannel(view));
    IncomingMessage message = decision.message();
    if (message == null) return;
    if (!access.admit(accessRequest(event, view, message), false).allowed()) {
      log.debug("message refused; message={} guild={} channel={} user={}", view.messageId(), view.guildId(),
          view.channelId(), view.authorId());
      return;
    }
    var submission = conversations.submit(message, () -> sink(event, decision));
    // Only a question that will be answered claims Stop: a duplicate or a limited one must not
    // take it away from the person whose answer is on screen.
    if (submission.status() == Submission.Status.ACCEPTED) {
      askers.remember(message.conversation(), message.authorId());
    }
    log.debug("message submitted; message={} conversation={} status={}", view.messageId(),
        message.conversation(), submission.status());
  }

  private ReplySink sink(MessageReceivedEvent event, DiscordMessageMapper.Decision decision) {
    IncomingMessage message = decision.message();
    if (decision.action() == DiscordMessageMapper.Action.START_THREAD) {
      return replies.inNewThread(event.getMessage(), DiscordReplies.threadName(message.text()),
          message.conversation(), message.authorId());
    }
    return replies.inChannel(event.getChannel(), message.conversation(), message.authorId());
  }

  private static AccessRequest accessRequest(MessageReceivedEvent event, DiscordMessageMapper.MessageView view,
      IncomingMessage message) {
    Set<String> roles = event.getMember() == null ? Set.of()
        : event.getMember().getRoles().stream().map(ISnowflake::getId).collect(Collectors.toSet());
    return new AccessRequest(message.conversation(), view.guildId(),
        Arrays.asList(view.channelId(), view.parentChannelId()), view.guildId() == null, view.authorId(), roles);
  }

  /** Asks the core only for top-level guild messages without a mention; that is when it matters. */
  private boolean supportChannel(DiscordMessageMapper.MessageView view) {
    if (view.guildId() == null || view.parentChannelId() != null || view.mentionsBot()) return false;
    var scope = DiscordMessageMapper.channelScopeKey(view.guildId(), view.channelId());
    return conversations.settingsFor(scope).supportChannel();
  }

  static DiscordMessageMapper.MessageView view(MessageReceivedEvent event) {
    Message message = event.getMessage();
    boolean inThread = event.getChannelType().isThread();
    ThreadChannel thread = inThread ? event.getChannel().asThreadChannel() : null;
    boolean dm = event.getChannelType() == ChannelType.PRIVATE;
    return new DiscordMessageMapper.MessageView(
        message.getId(),
        dm || !event.isFromGuild() ? null : event.getGuild().getId(),
        event.getChannel().getId(),
        thread == null ? null : thread.getParentChannel().getId(),
        thread == null ? null : thread.getOwnerId(),
        event.getAuthor().getId(),
        event.getAuthor().getName(),
        event.getAuthor().isBot(),
        message.getContentRaw(),
        message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER),
        message.getJumpUrl(),
        message.getTimeCreated().toInstant());
  }
}
