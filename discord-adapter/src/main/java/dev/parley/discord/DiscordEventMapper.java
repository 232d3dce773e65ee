package dev.parley.discord;

import dev.parley.core.api.AccessRequest;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentSource;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what Discord tells us about a message, a slash command or a button click into the core's
 * terms: the conversation, the core message or request, and what access control must check.
 * Pure: it sees plain views ({@link MessageView}, {@link InteractionView}), which
 * {@link DiscordEvents} reads off JDA's events without any request, so it is tested on recorded
 * gateway payloads. Each event then goes one way: receive, map, submit, reply.
 *
 * <p>Conversation keys: the tenant is the guild id, or {@code dm-<userId>} in a DM: a user's DMs
 * with the bot are that user's own tenant, so what one user files there (tickets, limits) is
 * never seen by another user, as it would be if all DMs shared one tenant. In a guild the
 * channel is the text channel (a thread's parent) and the thread is the Discord thread's id; a
 * thread started from a message has that message's id, so a conversation can be keyed before its
 * thread exists. A DM channel is one conversation: its id is both channel and thread.
 */
public final class DiscordEventMapper {
  public static final String PLATFORM = "discord";
  /** The tenant of a user's DMs is this prefix and the user id. */
  public static final String DM_TENANT_PREFIX = "dm-";
  /** What a thread started from a voice message with no text is called. */
  static final String VOICE_THREAD_NAME = "Voice message";

  private final String botId;
  private final Pattern mention;

  /** What the bot does with a message. */
  public enum Action {
    /**
     * Not for us: a bot's message, one with neither text nor files, or someone else's thread
     * without a mention.
     */
    IGNORE,
    /** Answer where the message is: a DM, or a thread. */
    ANSWER_IN_PLACE,
    /** Start a thread from the message and answer inside it. */
    START_THREAD,
    /**
     * A top-level channel message without a mention: start a thread and answer only if the
     * channel is a support channel, which only the core's settings can tell.
     */
    START_THREAD_IF_SUPPORT_CHANNEL
  }

  /**
   * The decision for one message; {@code message} and {@code access} are null when ignored.
   *
   * @param threadName the name of the thread to start, for the actions that start one
   */
  public record Decision(Action action, IncomingMessage message, AccessRequest access, String threadName) {
    static final Decision IGNORED = new Decision(Action.IGNORE, null, null, null);

    /** The channel whose settings say whether it is a support channel. */
    public ConversationKey settingsScope() {
      return channelScopeKey(message.conversation().tenant(), message.conversation().channel());
    }
  }

  /**
   * A message as the mapper needs it.
   *
   * @param guildId null in a DM
   * @param parentChannelId the thread's parent channel, or null when not in a thread
   * @param threadOwnerId who started the thread, or null when not in a thread
   * @param roleIds the author's roles in the guild; empty in a DM
   * @param mentionsBot whether the bot user itself is mentioned (not through a role or everyone)
   * @param voiceMessage whether the message carries Discord's {@code IS_VOICE_MESSAGE} flag
   *     ({@code 1 << 13}): then its one audio attachment is a recording
   * @param attachments the message's files, in the order Discord lists them
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
      Set<String> roleIds,
      String content,
      boolean mentionsBot,
      String jumpUrl,
      Instant createdAt,
      boolean voiceMessage,
      List<AttachmentView> attachments) {

    public MessageView {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(authorId, "authorId");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(createdAt, "createdAt");
      roleIds = Set.copyOf(Objects.requireNonNullElse(roleIds, Set.of()));
      attachments = List.copyOf(Objects.requireNonNullElse(attachments, List.of()));
    }

    boolean inThread() {
      return parentChannelId != null;
    }
  }

  /**
   * One file of a message or of a command's attachment option, as Discord described it
   * (the attachment object's {@code filename}, {@code content_type}, {@code size},
   * {@code duration_secs}).
   *
   * @param contentType the media type, or null when Discord sent none
   * @param durationSecs the recording's length, which Discord gives only for audio it recorded
   *     (voice messages); 0 otherwise
   * @param source fetches the bytes from the attachment's {@code url}; reading the view sends no
   *     request
   */
  public record AttachmentView(String fileName, String contentType, long size, double durationSecs,
      AttachmentSource source) {

    public AttachmentView {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(source, "source");
    }

    boolean audio() {
      return durationSecs > 0 || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("audio/"));
    }
  }

  /**
   * An interaction (a slash command, its autocomplete, or a button click) as the mapper needs it.
   *
   * @param guildId null in a DM
   * @param parentChannelId the thread's parent channel, or null when not in a thread
   * @param name the command's name, or null for a click
   * @param options the command's options by name (strings and booleans as JDA reads them, and
   *     an {@link AttachmentView} for an attachment option)
   * @param componentId the clicked button's custom id, or null for a command
   * @param messageId the message the clicked button is on, or null for a command
   */
  public record InteractionView(
      String id,
      String guildId,
      String channelId,
      String parentChannelId,
      String userId,
      String userName,
      Set<String> roleIds,
      String name,
      Map<String, Object> options,
      String componentId,
      String messageId,
      Instant createdAt) {

    public InteractionView {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(createdAt, "createdAt");
      roleIds = Set.copyOf(Objects.requireNonNullElse(roleIds, Set.of()));
      options = Map.copyOf(Objects.requireNonNullElse(options, Map.of()));
    }
  }

  public DiscordEventMapper(String botId) {
    this.botId = Objects.requireNonNull(botId, "botId");
    this.mention = Pattern.compile("<@!?" + Pattern.quote(botId) + ">");
  }

  /**
   * Decides whether and where to answer a message. Files count as much as text: a mention with
   * only a screenshot, or a voice message (which has no text at all), is answered wherever a
   * typed message would be.
   */
  public Decision message(MessageView m) {
    if (m.authorIsBot() || m.authorId().equals(botId)) return Decision.IGNORED;
    String prompt = stripMention(m.content());
    if (prompt.isEmpty() && m.attachments().isEmpty()) return Decision.IGNORED;
    if (m.guildId() == null) {
      return answer(Action.ANSWER_IN_PLACE, m, dmKey(m.authorId(), m.channelId()), prompt);
    }
    if (m.inThread()) {
      boolean ours = botId.equals(m.threadOwnerId());
      if (!ours && !m.mentionsBot()) return Decision.IGNORED;
      return answer(Action.ANSWER_IN_PLACE, m, guildKey(m.guildId(), m.parentChannelId(), m.channelId()), prompt);
    }
    Action action = m.mentionsBot() ? Action.START_THREAD : Action.START_THREAD_IF_SUPPORT_CHANNEL;
    return answer(action, m, guildKey(m.guildId(), m.channelId(), m.messageId()), prompt);
  }

  /** A slash command or autocomplete, with its conversation and what access control checks. */
  public DiscordCommand command(InteractionView i) {
    ConversationKey conversation = conversationOf(i);
    ConversationKey scope = conversation != null ? conversation : channelScopeKey(i.guildId(), i.channelId());
    return new DiscordCommand(i, conversation, accessRequest(i, scope));
  }

  /** A click on one of the answer buttons; empty when the button is not ours or is malformed. */
  public Optional<DiscordClick> click(InteractionView i) {
    return ReplyButtons.parse(i.componentId()).map(click -> new DiscordClick(click, i));
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

  /**
   * The core's attachments for Discord's files. Only an audio file of a message flagged as a
   * voice message is a voice message: the flag is the message's, and a voice message holds one
   * recording.
   */
  static List<Attachment> attachments(List<AttachmentView> files, boolean voiceMessage) {
    return files.stream()
        .map(f -> new Attachment(f.fileName(), f.contentType(), f.size(), voiceMessage && f.audio(), f.source()))
        .toList();
  }

  /** Removes the bot's own mentions ({@code <@id>} and the older {@code <@!id>}) and trims. */
  public String stripMention(String content) {
    return mention.matcher(content).replaceAll("").strip();
  }

  /**
   * The conversation an interaction belongs to: its thread, or its DM. Null in a plain guild
   * channel, where each {@code /ask} starts a new conversation.
   */
  static ConversationKey conversationOf(InteractionView i) {
    if (i.guildId() == null) return dmKey(i.userId(), i.channelId());
    if (i.parentChannelId() != null) return guildKey(i.guildId(), i.parentChannelId(), i.channelId());
    return null;
  }

  private static AccessRequest accessRequest(InteractionView i, ConversationKey scope) {
    return new AccessRequest(scope, i.guildId(), Arrays.asList(i.channelId(), i.parentChannelId()), i.guildId() == null,
        i.userId(), i.roleIds());
  }

  private static Decision answer(Action action, MessageView m, ConversationKey key, String prompt) {
    List<Attachment> files = attachments(m.attachments(), m.voiceMessage());
    IncomingMessage message = new IncomingMessage(
        m.messageId(), key, m.authorId(), m.authorName(), prompt, m.jumpUrl(), m.createdAt(), files);
    AccessRequest access = new AccessRequest(key, m.guildId(), Arrays.asList(m.channelId(), m.parentChannelId()),
        m.guildId() == null, m.authorId(), m.roleIds());
    boolean startsThread = action == Action.START_THREAD || action == Action.START_THREAD_IF_SUPPORT_CHANNEL;
    return new Decision(action, message, access, startsThread ? threadName(prompt, files) : null);
  }

  /** A thread is named after the question, or after the file when there is no text. */
  private static String threadName(String prompt, List<Attachment> files) {
    if (!prompt.isEmpty() || files.isEmpty()) return DiscordReplies.threadName(prompt);
    Attachment first = files.getFirst();
    return DiscordReplies.threadName(first.voiceMessage() ? VOICE_THREAD_NAME : first.name());
  }
}
