package dev.parley.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.api.Attachment;
import dev.parley.core.api.AttachmentSource;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.IncomingMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns Slack payloads into core messages. Pure: no I/O, no clock but the payload's, so it is
 * tested on recorded payloads. Decides what is never answered (the bot's own messages, edits and
 * deletions, other bots unless allowed, channel messages that mention the bot, which arrive again
 * as {@code app_mention}) and which conversation a message belongs to:
 * <ul>
 *   <li>a channel message or mention: the thread, {@code thread_ts} or else the message's own
 *       {@code ts}, where the answer also goes;
 *   <li>a top-level DM: one conversation per user, answered at the top level;
 *   <li>a DM thread (assistant threads are DM threads): one conversation per thread.
 * </ul>
 *
 * <p>The tenant (what owns tickets, limits and budgets) is the workspace, {@code team_id}, for an
 * ordinary install. For an org-wide Enterprise Grid install ({@code is_enterprise_install}, in
 * the event's {@code authorizations}, or in a command or interaction payload) it is the
 * organisation, {@code enterprise_id}: the org installed Parley once and runs one support desk,
 * so a ticket filed in one of its workspaces is found from the others, and a channel shared
 * between them stays one tenant whichever workspace an event names. Workspace and org ids never
 * collide ({@code T…} and {@code E…}). The workspace itself still addresses replies
 * ({@link ReplyTarget#teamId()}).
 *
 * <p>Files shared with a message ({@code files[]}, on {@code file_share} messages as on mentions,
 * DMs and thread replies) become the message's attachments, in the order they were shared; a
 * message of files alone is answered wherever its text would have been. Their bytes stay with
 * Slack until the core asks for them through the source made here (which does no I/O).
 */
final class SlackEventMapper {
  public static final String PLATFORM = "slack";
  private static final Set<String> ANSWERED_SUBTYPES = Set.of("thread_broadcast", "file_share");

  private final String botUserId;
  private final String botId;
  private final boolean allowOtherBots;
  private final Pattern ownMention;
  private final Function<SlackFile, AttachmentSource> fileSources;

  /**
   * @param botUserId the bot's user id ({@code auth.test} {@code user_id})
   * @param botId the bot's bot id ({@code auth.test} {@code bot_id}), or null
   * @param fileSources makes the source that fetches a shared file's bytes when the core asks;
   *     called while mapping, so it must not do I/O
   */
  public SlackEventMapper(String botUserId, String botId, boolean allowOtherBots,
      Function<SlackFile, AttachmentSource> fileSources) {
    this.botUserId = botUserId;
    this.botId = botId;
    this.allowOtherBots = allowOtherBots;
    this.fileSources = Objects.requireNonNull(fileSources, "fileSources");
    this.ownMention = Pattern.compile("[ \\t]*<@" + Pattern.quote(botUserId) + "(\\|[^>]*)?>[ \\t]*");
  }

  /** A message to consider answering, from an {@code event_callback} body; empty if ignored. */
  public Optional<SlackInbound> message(JsonNode callback) {
    JsonNode event = callback.path("event");
    String type = event.path("type").asText();
    if (!type.equals("app_mention") && !type.equals("message")) return Optional.empty();
    if (ignored(event)) return Optional.empty();
    String team = teamOf(callback, event);
    String tenant = tenantOf(callback, callback.path("authorizations").path(0), team);
    // Every field must be a string: one of another type counts as missing, so a malformed event
    // is dropped rather than answered from a coerced value.
    String channel = Objects.requireNonNullElse(text(event, "channel"), "");
    String ts = Objects.requireNonNullElse(text(event, "ts"), "");
    String threadTs = text(event, "thread_ts");
    String user = Objects.requireNonNullElse(text(event, "user"), Objects.requireNonNullElse(text(event, "bot_id"), ""));
    String raw = Objects.requireNonNullElse(text(event, "text"), "");
    boolean mentions = ownMention.matcher(raw).find();
    String prompt = stripMention(raw);
    List<Attachment> files = attachments(event.path("files"));
    if ((prompt.isEmpty() && files.isEmpty()) || channel.isEmpty() || ts.isEmpty() || user.isEmpty()) {
      return Optional.empty();
    }

    Optional<Placement> placement = place(type, event, ts, threadTs, user, mentions);
    if (placement.isEmpty()) return Optional.empty();
    String conversationThread = placement.get().conversationThread();
    String replyThread = placement.get().replyThread();
    ConversationKey key = new ConversationKey(PLATFORM, tenant, channel, conversationThread);
    IncomingMessage message = new IncomingMessage(text(callback, "event_id"), key, user,
        authorName(event), prompt, null, instantOf(ts), files);
    return Optional.of(new SlackInbound(placement.get().kind(), message,
        new ReplyTarget(key, channel, replyThread, user, team)));
  }

  /** The files of an event's {@code files} array; entries that name no readable file are left out. */
  private List<Attachment> attachments(JsonNode files) {
    if (!files.isArray()) return List.of();
    List<Attachment> attachments = new ArrayList<>();
    for (JsonNode entry : files) {
      SlackFile.fromJson(entry).ifPresent(file -> attachments.add(file.toAttachment(fileSources.apply(file))));
    }
    return attachments;
  }

  private record Placement(SlackInbound.Kind kind, String conversationThread, String replyThread) {}

  private static Optional<Placement> place(String type, JsonNode event, String ts, String threadTs, String user,
      boolean mentions) {
    if (type.equals("app_mention")) {
      String thread = threadTs != null ? threadTs : ts;
      return Optional.of(new Placement(SlackInbound.Kind.MENTION, thread, thread));
    }
    if ("im".equals(event.path("channel_type").asText())) {
      return Optional.of(new Placement(SlackInbound.Kind.DIRECT, threadTs != null ? threadTs : "dm-" + user, threadTs));
    }
    // A channel message that mentions the bot comes again as app_mention; answer that one only.
    if (mentions) return Optional.empty();
    boolean reply = threadTs != null && !threadTs.equals(ts);
    String thread = reply ? threadTs : ts;
    return Optional.of(new Placement(
        reply ? SlackInbound.Kind.THREAD_REPLY : SlackInbound.Kind.CHANNEL_MESSAGE, thread, thread));
  }

  /** The {@code /ask} command from its fields (form-encoded over HTTP, JSON in Socket Mode). */
  public Optional<SlackCommand> command(JsonNode fields, Instant receivedAt) {
    String channel = fields.path("channel_id").asText();
    String user = fields.path("user_id").asText();
    String team = fields.path("team_id").asText();
    if (channel.isEmpty() || user.isEmpty() || team.isEmpty()) return Optional.empty();
    String text = fields.path("text").asText("").strip();
    Subcommand sub = subcommand(text);
    SlackCommand.Action action = sub.action();
    String argument = sub.argument();
    ConversationKey key = new ConversationKey(PLATFORM, tenantOf(fields, fields, team), channel, "ask-" + user);
    String trigger = fields.path("trigger_id").asText("");
    String eventId = "command-" + (trigger.isEmpty() ? sha256(fields.toString()) : trigger);
    IncomingMessage message = new IncomingMessage(eventId, key, user,
        text(fields, "user_name"), argument.isEmpty() ? text : argument, null, receivedAt);
    return Optional.of(new SlackCommand(action, argument, message, new ReplyTarget(key, channel, null, user, team)));
  }

  private record Subcommand(SlackCommand.Action action, String argument) {}

  /** {@code reset} and {@code model [name]} are subcommands; anything else is a question. */
  private static Subcommand subcommand(String text) {
    String[] words = text.split("\\s+", 2);
    String first = words[0].toLowerCase(java.util.Locale.ROOT);
    String rest = words.length > 1 ? words[1].strip() : "";
    if (text.isEmpty() || first.equals("help")) return new Subcommand(SlackCommand.Action.HELP, "");
    if (first.equals("reset") && rest.isEmpty()) return new Subcommand(SlackCommand.Action.RESET, "");
    if (first.equals("model") && !rest.contains(" ")) return new Subcommand(SlackCommand.Action.MODEL, rest);
    return new Subcommand(SlackCommand.Action.ASK, text);
  }

  /**
   * A click on a Parley button from a {@code block_actions} payload; empty for anything else. The
   * conversation, tenant included, is the key Parley wrote into the button, never the clicker's
   * team: in a Slack Connect channel the person clicking may belong to another organisation.
   */
  public Optional<SlackButtonClick> buttonClick(JsonNode payload) {
    if (!"block_actions".equals(payload.path("type").asText())) return Optional.empty();
    JsonNode action = payload.path("actions").path(0);
    String actionId = action.path("action_id").asText();
    if (!actionId.startsWith("parley_")) return Optional.empty();
    String value = action.path("value").asText();
    // Stop's value goes on after the key with who asked (see StopButtons); the key comes first.
    int bar = value.indexOf('|');
    Optional<ConversationKey> key = parseKey(bar < 0 ? value : value.substring(0, bar));
    String user = payload.path("user").path("id").asText();
    if (key.isEmpty() || user.isEmpty()) return Optional.empty();
    String messageTs = payload.path("container").hasNonNull("message_ts")
        ? payload.path("container").get("message_ts").asText() : text(payload.path("message"), "ts");
    return Optional.of(new SlackButtonClick(actionId, value, key.get(), messageTs, user));
  }

  /** The thread from an {@code assistant_thread_started} callback; empty for anything else. */
  public Optional<AssistantThread> assistantThread(JsonNode callback) {
    JsonNode event = callback.path("event");
    if (!"assistant_thread_started".equals(event.path("type").asText())) return Optional.empty();
    JsonNode thread = event.path("assistant_thread");
    String channel = thread.path("channel_id").asText();
    String threadTs = thread.path("thread_ts").asText();
    if (channel.isEmpty() || threadTs.isEmpty()) return Optional.empty();
    return Optional.of(new AssistantThread(teamOf(callback, event), channel, threadTs, text(thread, "user_id")));
  }

  /** The key a button carries ({@link ConversationKey#asString()}), if it is one. */
  public static Optional<ConversationKey> parseKey(String value) {
    String[] parts = value == null ? new String[0] : value.split(":", -1);
    if (parts.length != 4) return Optional.empty();
    try {
      return Optional.of(new ConversationKey(parts[0], parts[1], parts[2], parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The text without the bot's own mention, trimmed. Other users' mentions and all other spacing stay. */
  public String stripMention(String text) {
    return ownMention.matcher(text).replaceAll(" ").strip();
  }

  private boolean ignored(JsonNode event) {
    String subtype = text(event, "subtype");
    if (subtype != null && !ANSWERED_SUBTYPES.contains(subtype) && !subtype.equals("bot_message")) return true;
    if (botUserId.equals(text(event, "user"))) return true;
    String senderBot = text(event, "bot_id");
    if (senderBot != null && senderBot.equals(botId)) return true;
    return (senderBot != null || "bot_message".equals(subtype)) && !allowOtherBots;
  }

  private static String teamOf(JsonNode callback, JsonNode event) {
    String team = text(callback, "team_id");
    if (team == null) team = text(event, "team");
    return team == null ? "unknown" : team;
  }

  /**
   * The org for an org-wide install, else the workspace. {@code install} holds
   * {@code is_enterprise_install} (a boolean in JSON, the string {@code true} in a form-encoded
   * command); the org id is the payload's {@code enterprise_id} or its {@code enterprise.id}.
   */
  static String tenantOf(JsonNode payload, JsonNode install, String team) {
    JsonNode flag = install.path("is_enterprise_install");
    boolean orgWide = flag.isBoolean() ? flag.booleanValue() : "true".equals(flag.asText());
    if (!orgWide) return team;
    String org = text(install, "enterprise_id");
    if (org == null) org = text(payload, "enterprise_id");
    if (org == null) org = text(payload.path("enterprise"), "id");
    return org == null || !org.matches("[A-Za-z0-9_-]+") ? team : org;
  }

  private static String authorName(JsonNode event) {
    JsonNode profile = event.path("user_profile");
    String display = text(profile, "display_name");
    return display != null && !display.isBlank() ? display : text(profile, "real_name");
  }

  static Instant instantOf(String ts) {
    try {
      BigDecimal seconds = new BigDecimal(ts);
      return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    } catch (NumberFormatException e) {
      return Instant.EPOCH;
    }
  }

  /** A string field; a field of another type (a number, an array) counts as missing. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
  }

  private static String sha256(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
