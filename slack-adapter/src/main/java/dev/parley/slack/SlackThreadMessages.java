package dev.parley.slack;

import com.slack.api.model.File;
import com.slack.api.model.Message;
import dev.parley.core.api.EarlierMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the messages of a {@code conversations.replies} answer into the core's
 * {@link EarlierMessage}s. Pure, so it is tested on recorded answers.
 *
 * <p>Kept: people's messages, other bots' messages and Parley's own (marked as such), thread
 * broadcasts, file shares (each file named as {@code [file: name]}) and {@code /me} messages.
 * Left out: joins, leaves, topic changes and every other system subtype, and the message being
 * answered (the question, at or after {@code before}). Slack's markup becomes readable text:
 * {@code <@U1>} the person's name, {@code <#C1|general>} {@code #general}, {@code <!here>}
 * {@code @here}, {@code <https://x|label>} {@code label (https://x)}, and the three escaped
 * characters. The text is quoted to the model only; whatever of it reaches a reply goes through
 * {@link SlackMarkdown}, which neutralises mentions again.
 */
final class SlackThreadMessages {
  private static final Set<String> KEPT_SUBTYPES = Set.of("bot_message", "thread_broadcast", "file_share", "me_message");
  private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");
  private static final Pattern USER_ID = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");

  private final String botUserId;
  private final String botId;

  SlackThreadMessages(String botUserId, String botId) {
    this.botUserId = Objects.requireNonNull(botUserId, "botUserId");
    this.botId = botId;
  }

  /**
   * The user ids whose names the messages before {@code before} need: their authors and the
   * people they mention, Parley aside (it is named as itself).
   */
  Set<String> people(List<Message> messages, Instant before) {
    Set<String> ids = new LinkedHashSet<>();
    for (Message message : messages) {
      if (!kept(message) || own(message) || message.getTs() == null) continue;
      if (!SlackEventMapper.instantOf(message.getTs()).isBefore(before)) continue;
      if (message.getUser() != null && message.getBotId() == null) ids.add(message.getUser());
      Matcher mentioned = USER_ID.matcher(Objects.requireNonNullElse(message.getText(), ""));
      while (mentioned.find()) ids.add(mentioned.group(1));
    }
    ids.remove(botUserId);
    return ids;
  }

  /**
   * @param before the question's time: it and anything after it are left out
   * @param names user names by id, from {@link SlackUserNames}; an id missing here is shown as is
   */
  List<EarlierMessage> map(List<Message> messages, Instant before, Map<String, String> people) {
    Map<String, String> names = new HashMap<>(people);
    names.put(botUserId, "Parley");
    List<EarlierMessage> mapped = new ArrayList<>();
    for (Message message : messages) {
      if (!kept(message) || message.getTs() == null) continue;
      Instant at = SlackEventMapper.instantOf(message.getTs());
      if (!at.isBefore(before)) continue;
      boolean own = own(message);
      String author = own ? botUserId : Objects.requireNonNullElse(message.getUser(),
          Objects.requireNonNullElse(message.getBotId(), "unknown"));
      String text = readable(Objects.requireNonNullElse(message.getText(), ""), names) + files(message.getFiles());
      mapped.add(new EarlierMessage(author, own ? "Parley" : nameOf(message, names), own, text.strip(), at));
    }
    return mapped;
  }

  private boolean kept(Message message) {
    return message.getSubtype() == null || KEPT_SUBTYPES.contains(message.getSubtype());
  }

  private boolean own(Message message) {
    return botUserId.equals(message.getUser()) || (botId != null && botId.equals(message.getBotId()));
  }

  /** A bot's name is in the message ({@code bot_profile.name}, {@code username}); a person's comes from the names. */
  private static String nameOf(Message message, Map<String, String> names) {
    if (message.getBotId() != null) {
      if (message.getBotProfile() != null && message.getBotProfile().getName() != null) {
        return message.getBotProfile().getName() + " (a bot)";
      }
      if (message.getUsername() != null) return message.getUsername() + " (a bot)";
    }
    String id = message.getUser();
    return id == null ? "someone" : names.getOrDefault(id, id);
  }

  private static String files(List<File> files) {
    if (files == null || files.isEmpty()) return "";
    StringBuilder text = new StringBuilder();
    for (File file : files) {
      String name = file.getName() != null ? file.getName() : file.getTitle();
      text.append("\n[file: ").append(name == null ? "unnamed" : name).append("]");
    }
    return text.toString();
  }

  /** Slack's markup as plain text: mentions, channels, links and the escaped {@code < > &}. */
  static String readable(String text, Map<String, String> names) {
    Matcher markup = MARKUP.matcher(text);
    StringBuilder out = new StringBuilder();
    while (markup.find()) {
      markup.appendReplacement(out, Matcher.quoteReplacement(element(markup.group(1), names)));
    }
    markup.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String element(String inner, Map<String, String> names) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 ? null : inner.substring(bar + 1);
    if (target.startsWith("@")) {
      String id = target.substring(1);
      return "@" + names.getOrDefault(id, label != null && !label.isBlank() ? label : id);
    }
    if (target.startsWith("#")) return "#" + (label != null && !label.isBlank() ? label : target.substring(1));
    if (target.startsWith("!subteam^")) {
      return label != null && !label.isBlank() ? (label.startsWith("@") ? label : "@" + label)
          : "@" + target.substring("!subteam^".length());
    }
    if (target.startsWith("!")) {
      if (label != null && !label.isBlank()) return label;
      return "@" + target.substring(1);
    }
    return label == null || label.isBlank() || label.equals(target) ? target : label + " (" + target + ")";
  }
}
