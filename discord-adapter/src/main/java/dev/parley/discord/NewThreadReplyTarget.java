package dev.parley.discord;

import java.util.Objects;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Answers a mention in a thread started from the user's message. The thread is created with the
 * reply's first message, so a message the engine does not answer (a duplicate) starts none. Its
 * id is the message's, which is how the conversation was keyed before it existed. A notice that
 * is the whole reply (a refused, rate-limited mention) opens no thread: it is a reply to the
 * message in its channel, pinging nobody.
 */
final class NewThreadReplyTarget implements ReplyTarget {
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

  /** The thread shares its id with the starter message; budgets are per thread. */
  @Override
  public String channelId() {
    return starter.getId();
  }

  private ChannelReplyTarget thread() {
    if (thread == null) {
      ThreadChannel created = starter.createThreadChannel(threadName).complete();
      thread = new ChannelReplyTarget(created);
    }
    return thread;
  }
}
