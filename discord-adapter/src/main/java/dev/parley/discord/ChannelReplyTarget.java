package dev.parley.discord;

import java.util.Objects;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** Sends then edits ordinary messages in a channel, thread or DM. */
final class ChannelReplyTarget implements ReplyTarget {
  private final MessageChannel channel;

  ChannelReplyTarget(MessageChannel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public String create(MessageCreateData message, boolean paced) throws RateLimitedException {
    var action = channel.sendMessage(message);
    return (paced ? action.complete() : action.complete(false)).getId();
  }

  @Override
  public void edit(String messageId, MessageEditData message, boolean paced) throws RateLimitedException {
    var action = channel.editMessageById(messageId, message);
    if (paced) {
      action.complete();
    } else {
      action.complete(false);
    }
  }

  @Override
  public void delete(String messageId, boolean paced) throws RateLimitedException {
    var action = channel.deleteMessageById(messageId);
    if (paced) {
      action.complete();
    } else {
      action.complete(false);
    }
  }

  @Override
  public String channelId() {
    return channel.getId();
  }
}
