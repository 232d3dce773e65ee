package dev.parley.discord;

import java.util.Objects;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a mention in a thread started from the user's message. The thread is created with the
 * reply's first message, so a message the engine does not answer (a duplicate) starts none. Its
 * id is the message's, which is how the conversation was keyed before it existed. A notice that
 * is the whole reply (a refused, rate-limited mention) opens no thread: it is a reply to the
 * message in its channel, pinging nobody.
 *
 * <p>Where the bot may not start threads (a server or channel that withholds Create Public
 * Threads), the answer is not lost: it goes into the channel itself, after a notice replying to
 * the question that says why there is no thread and which permission to grant.
 */
final class NewThreadReplyTarget implements ReplyTarget {
  private static final Logger log = LoggerFactory.getLogger(NewThreadReplyTarget.class);
  static final String NOTICE = "I can't start a thread here: I'm missing the **%s** permission in this channel."
      + " I'll answer right here instead; a server admin can grant it to give each question its own thread.";

  private final Message starter;
  private final String threadName;
  private ChannelReplyTarget thread;

  NewThreadReplyTarget(Message starter, String threadName) {
    this.starter = Objects.requireNonNull(starter, "starter");
    this.threadName = Objects.requireNonNull(threadName, "threadName");
  }

  @Override
  public String create(MessageCreateData message, boolean paced) throws RateLimitedException {
    return thread().create(message, paced);
  }

  @Override
  public String createNotice(MessageCreateData message) {
    return starter.reply(message).mentionRepliedUser(false).complete().getId();
  }

  @Override
  public void edit(String messageId, MessageEditData message, boolean paced) throws RateLimitedException {
    thread().edit(messageId, message, paced);
  }

  @Override
  public void delete(String messageId, boolean paced) throws RateLimitedException {
    thread().delete(messageId, paced);
  }

  /** The thread shares its id with the starter message; budgets are per thread. */
  @Override
  public String channelId() {
    return starter.getId();
  }

  private ChannelReplyTarget thread() {
    if (thread == null) {
      try {
        ThreadChannel created = starter.createThreadChannel(threadName).complete();
        thread = new ChannelReplyTarget(created);
      } catch (InsufficientPermissionException e) {
        thread = inChannelInstead(e.getPermission().getName());
      } catch (ErrorResponseException e) {
        if (e.getErrorResponse() != ErrorResponse.MISSING_PERMISSIONS) throw e;
        thread = inChannelInstead(Permission.CREATE_PUBLIC_THREADS.getName());
      }
    }
    return thread;
  }

  /** The notice goes out paced: it is one message, and the answer must not overtake it. */
  private ChannelReplyTarget inChannelInstead(String permission) {
    log.warn("cannot start a thread, answering in the channel; channel={} message={} missing={}",
        starter.getChannel().getId(), starter.getId(), permission);
    starter.reply(MessageCreateData.fromContent(NOTICE.formatted(permission)))
        .setAllowedMentions(java.util.EnumSet.noneOf(Message.MentionType.class)).mentionRepliedUser(false)
        .complete();
    return new ChannelReplyTarget(starter.getChannel());
  }
}
