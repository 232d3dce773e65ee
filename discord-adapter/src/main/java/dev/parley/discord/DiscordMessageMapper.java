package dev.parley.discord;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns what Discord tells us about a message or a command into the core's terms. Pure: it sees
 * plain {@link MessageView values}, never JDA objects, so it is tested without a gateway.
 *
 * <p>Conversation keys: the tenant is the guild id, or {@code dm-<userId>} in a DM: a user's DMs
 * with the bot are that user's own tenant, so what one user files there (tickets, limits) is
 * never seen by another user, as it would be if all DMs shared one tenant. In a guild the
 * channel is the text channel (a thread's parent) and the thread is the Discord thread's id; a
 * thread started from a message has that message's id, so a conversation can be keyed before its
 * thread exists.
 * A DM channel is one conversation: its id is both channel and thread.
 */
public final class DiscordMessageMapper {
  public static final String PLATFORM = "discord";
  /** The tenant of a user's DMs is this prefix and the user id. */
  public static final String DM_TENANT_PREFIX = "dm-";

  private final String botId;
  private final Pattern mention;

  /** What the bot does with a message. */
  public enum Action {
    /** Not for us: a bot's message, or a channel message without a mention. */
    IGNORE,
    /** Answer where the message is: a DM, or a thread. */
    ANSWER_IN_PLACE,
    /** Start a thread from the message and answer inside it. */
    START_THREAD
  }

  /** The decision for one message; {@code message} is null when ignored. */
  public record Decision(Action action, IncomingMessage message) {
    static final Decision IGNORED = new Decision(Action.IGNORE, null);
  }

  /**
   * A message as the mapper needs it.
   *
   * @param guildId null in a DM
   * @param parentChannelId the thread's parent channel, or null when not in a thread
   * @param threadOwnerId who started the thread, or null when not in a thread
   * @param mentionsBot whether the bot user itself is mentioned (not through a role or everyone)
   */
  public record MessageView(
      String messageId,
      String guildId,
      String channelId,
      String parentChannelId,
      String threadOwnerId,
      String authorId,
      String authorName,
      boolean authorIsBot,
      String content,
      boolean mentionsBot,
      String jumpUrl,
      Instant createdAt) {

    public MessageView {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(authorId, "authorId");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(createdAt, "createdAt");
    }

    boolean inThread() {
      return parentChannelId != null;
    }
  }

  public DiscordMessageMapper(String botId) {
    this.botId = Objects.requireNonNull(botId, "botId");
    this.mention = Pattern.compile("<@!?" + Pattern.quote(botId) + ">");
  }

  /**
   * Decides whether and where to answer a message.
   *
   * @param supportChannel whether the channel answers every top-level message without a mention
   */
  public Decision decide(MessageView m, boolean supportChannel) {
    if (m.authorIsBot() || m.authorId().equals(botId)) return Decision.IGNORED;
    String prompt = stripMention(m.content());
    if (prompt.isEmpty()) return Decision.IGNORED;
    if (m.guildId() == null) {
      return answer(Action.ANSWER_IN_PLACE, m, dmKey(m.authorId(), m.channelId()), prompt);
    }
    if (m.inThread()) {
      boolean ours = botId.equals(m.threadOwnerId());
      if (!ours && !m.mentionsBot()) return Decision.IGNORED;
      return answer(Action.ANSWER_IN_PLACE, m, guildKey(m.guildId(), m.parentChannelId(), m.channelId()), prompt);
    }
    if (!m.mentionsBot() && !supportChannel) return Decision.IGNORED;
    return answer(Action.START_THREAD, m, guildKey(m.guildId(), m.channelId(), m.messageId()), prompt);
  }

  /** The key a guild channel's top-level message would start, used to look up channel settings. */
  public static ConversationKey channelScopeKey(String guildId, String channelId) {
    return guildKey(guildId, channelId, channelId);
  }

  /** A DM channel is one conversation, in the tenant of the user the bot talks with there. */
  public static ConversationKey dmKey(String userId, String dmChannelId) {
    return new ConversationKey(PLATFORM, DM_TENANT_PREFIX + userId, dmChannelId, dmChannelId);
  }

  public static ConversationKey guildKey(String guildId, String channelId, String threadId) {
    return new ConversationKey(PLATFORM, guildId, channelId, threadId);
  }

  /** Removes the bot's own mentions ({@code <@id>} and the older {@code <@!id>}) and trims. */
  public String stripMention(String content) {
    return mention.matcher(content).replaceAll("").strip();
  }

  private static Decision answer(Action action, MessageView m, ConversationKey key, String prompt) {
    return new Decision(action, new IncomingMessage(
        m.messageId(), key, m.authorId(), m.authorName(), prompt, m.jumpUrl(), m.createdAt()));
  }
}
