package dev.parley.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.discord.e2e.Snowflakes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mapper's views off gateway payloads (MESSAGE_CREATE, INTERACTION_CREATE) the way
 * {@link DiscordEvents} reads them off the JDA events built from the same payloads, so the mapper
 * is tested on what Discord sends.
 */
final class RecordedViews {
  private static final int THREAD_TYPES_FROM = 10;
  private static final int THREAD_TYPES_TO = 12;
  private static final int ATTACHMENT_OPTION = 11;
  private static final int IS_VOICE_MESSAGE = 1 << 13;
  /** Makes sources only; tests that download use a fake CDN of their own. */
  static final DiscordCdn CDN = DiscordCdn.withDefaults();

  private RecordedViews() {}

  /**
   * A MESSAGE_CREATE's message, sent in {@code channel} (the channel object the client cached:
   * a thread tells its parent and owner).
   */
  static DiscordEventMapper.MessageView message(JsonNode message, JsonNode channel, String botId) {
    boolean thread = isThread(channel);
    String guildId = text(message, "guild_id");
    Set<String> mentioned = new HashSet<>();
    message.path("mentions").forEach(user -> mentioned.add(user.path("id").asText()));
    JsonNode author = message.path("author");
    return new DiscordEventMapper.MessageView(
        message.path("id").asText(),
        guildId,
        message.path("channel_id").asText(),
        thread ? text(channel, "parent_id") : null,
        thread ? text(channel, "owner_id") : null,
        author.path("id").asText(),
        author.path("username").asText(),
        author.path("bot").asBoolean(),
        roles(message.path("member")),
        message.path("content").asText(),
        mentioned.contains(botId),
        "https://discord.com/channels/" + (guildId == null ? "@me" : guildId) + "/"
            + message.path("channel_id").asText() + "/" + message.path("id").asText(),
        Instant.parse(message.path("timestamp").asText()),
        (message.path("flags").asInt() & IS_VOICE_MESSAGE) != 0,
        attachments(message.path("attachments")));
  }

  /** An attachment object, read as {@link DiscordEvents} reads JDA's {@code Message.Attachment}. */
  static DiscordEventMapper.AttachmentView attachment(JsonNode file) {
    String name = file.path("filename").asText();
    return new DiscordEventMapper.AttachmentView(name, text(file, "content_type"), file.path("size").asLong(),
        file.path("duration_secs").asDouble(0), CDN.source(name, file.path("url").asText(), file.path("size").asLong()));
  }

  private static List<DiscordEventMapper.AttachmentView> attachments(JsonNode files) {
    List<DiscordEventMapper.AttachmentView> views = new ArrayList<>();
    files.forEach(file -> views.add(attachment(file)));
    return views;
  }

  /** An INTERACTION_CREATE: a slash command (with its options) or a button click. */
  static DiscordEventMapper.InteractionView interaction(JsonNode interaction) {
    JsonNode channel = interaction.path("channel");
    JsonNode member = interaction.path("member");
    JsonNode user = member.has("user") ? member.path("user") : interaction.path("user");
    JsonNode data = interaction.path("data");
    Map<String, Object> options = new HashMap<>();
    data.path("options").forEach(option -> options.put(option.path("name").asText(), optionValue(option, data)));
    return new DiscordEventMapper.InteractionView(
        interaction.path("id").asText(),
        text(interaction, "guild_id"),
        interaction.path("channel_id").asText(),
        isThread(channel) ? text(channel, "parent_id") : null,
        user.path("id").asText(),
        user.path("username").asText(),
        roles(member),
        text(data, "name"),
        options,
        text(data, "custom_id"),
        interaction.has("message") ? interaction.path("message").path("id").asText() : null,
        Snowflakes.timeOf(interaction.path("id").asText()));
  }

  private static Object optionValue(JsonNode option, JsonNode data) {
    JsonNode value = option.path("value");
    if (option.path("type").asInt() == ATTACHMENT_OPTION) {
      return attachment(data.path("resolved").path("attachments").path(value.asText()));
    }
    return value.isBoolean() ? value.asBoolean() : value.asText();
  }

  private static boolean isThread(JsonNode channel) {
    int type = channel == null ? -1 : channel.path("type").asInt(-1);
    return type >= THREAD_TYPES_FROM && type <= THREAD_TYPES_TO;
  }

  private static Set<String> roles(JsonNode member) {
    Set<String> roles = new HashSet<>();
    member.path("roles").forEach(role -> roles.add(role.asText()));
    return roles;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
