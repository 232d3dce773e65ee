package dev.parley.discord.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Gateway and REST payloads shaped like Discord's, with the fields JDA 6 requires (some of which
 * Discord's docs leave out, such as READY's {@code private_channels}). One guild with one text
 * channel, the bot, and one human user.
 */
public final class DiscordPayloads {
  static final ObjectMapper JSON = new ObjectMapper();
  public static final String BOT_ID = "1100000000000000001";
  static final String APP_ID = BOT_ID;
  public static final String GUILD_ID = "1200000000000000002";
  public static final String CHANNEL_ID = "1300000000000000003";
  public static final String USER_ID = "1500000000000000005";
  public static final String DM_CHANNEL_ID = "1600000000000000006";
  static final String BOT_ROLE_ID = "1700000000000000007";
  /** Someone else owns the guild: an owner has every permission, and the test user must not. */
  static final String OWNER_ID = "1900000000000000009";
  /** A second text channel where an overwrite denies the bot Create Public Threads. */
  static final String NO_THREADS_CHANNEL_ID = "1310000000000000013";

  // Permission bits (discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags).
  static final long VIEW_CHANNEL = 1L << 10;
  static final long SEND_MESSAGES = 1L << 11;
  static final long READ_MESSAGE_HISTORY = 1L << 16;
  static final long CREATE_PUBLIC_THREADS = 1L << 35;
  static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
  /**
   * Exactly what the README tells users to grant (Send Messages, Send Messages in Threads, Create
   * Public Threads, Read Message History), plus View Channel, which every server grants @everyone
   * by default. Never ADMINISTRATOR: a missing permission must show up in tests.
   */
  static final long BOT_PERMISSIONS =
      VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS;
  /** Message flag IS_VOICE_MESSAGE (discord.com/developers/docs/resources/message#message-object-message-flags). */
  public static final int IS_VOICE_MESSAGE = 1 << 13;
  static final String JOINED = "2025-01-01T00:00:00.000000+00:00";

  private DiscordPayloads() {}

  public static ObjectNode user(String id, String name, boolean bot) {
    return object().put("id", id).put("username", name).put("discriminator", "0").putNull("global_name")
        .putNull("avatar").put("bot", bot).put("verified", true).put("mfa_enabled", false)
        .put("flags", 0).put("public_flags", 0);
  }

  public static ObjectNode botUser() {
    return user(BOT_ID, "parley", true);
  }

  public static ObjectNode human() {
    return user(USER_ID, "ana", false);
  }

  static ObjectNode ready(String sessionId, String resumeUrl) {
    ObjectNode d = object().put("v", 10).put("session_id", sessionId).put("resume_gateway_url", resumeUrl);
    d.set("user", botUser());
    d.putArray("guilds").add(object().put("id", GUILD_ID).put("unavailable", true));
    d.putArray("private_channels");
    d.putArray("relationships");
    d.set("application", object().put("id", APP_ID).put("flags", 0));
    d.putArray("shard").add(0).add(1);
    return d;
  }

  static ObjectNode guildCreate() {
    ObjectNode g = object().put("id", GUILD_ID).put("name", "Parley Test").putNull("icon").putNull("splash")
        .put("owner_id", OWNER_ID).put("afk_timeout", 300).put("verification_level", 0)
        .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
        .put("system_channel_flags", 0).put("max_members", 500000).put("premium_tier", 0)
        .put("premium_subscription_count", 0).put("preferred_locale", "en-US").put("nsfw_level", 0)
        .put("premium_progress_bar_enabled", false).put("joined_at", JOINED).put("large", false)
        .put("unavailable", false).put("member_count", 2);
    ArrayNode roles = g.putArray("roles");
    roles.add(role(GUILD_ID, "@everyone", "0", 0));
    roles.add(role(BOT_ROLE_ID, "Parley", Long.toString(BOT_PERMISSIONS), 1));
    g.putArray("emojis");
    g.putArray("stickers");
    g.putArray("features");
    g.putArray("voice_states");
    g.putArray("presences");
    g.putArray("stage_instances");
    g.putArray("guild_scheduled_events");
    g.putArray("soundboard_sounds");
    g.putArray("threads");
    g.putArray("channels").add(textChannel()).add(noThreadsChannel());
    ArrayNode members = g.putArray("members");
    members.add(member(botUser(), BOT_ROLE_ID));
    members.add(member(human(), null));
    return g;
  }

  static ObjectNode role(String id, String name, String permissions, int position) {
    return object().put("id", id).put("name", name).put("color", 0).put("hoist", false).putNull("icon")
        .putNull("unicode_emoji").put("position", position).put("permissions", permissions).put("managed", false)
        .put("mentionable", false).put("flags", 0);
  }

  public static ObjectNode member(ObjectNode user, String roleId) {
    ObjectNode m = object().putNull("nick").putNull("avatar").put("joined_at", JOINED).putNull("premium_since")
        .put("deaf", false).put("mute", false).put("flags", 0).put("pending", false)
        .putNull("communication_disabled_until");
    m.set("user", user);
    ArrayNode roles = m.putArray("roles");
    if (roleId != null) roles.add(roleId);
    return m;
  }

  public static ObjectNode textChannel() {
    ObjectNode c = object().put("id", CHANNEL_ID).put("type", 0).put("guild_id", GUILD_ID).put("name", "general")
        .put("position", 0).put("rate_limit_per_user", 0).put("nsfw", false).putNull("topic")
        .putNull("last_message_id").putNull("parent_id").put("default_auto_archive_duration", 1440).put("flags", 0);
    c.putArray("permission_overwrites");
    return c;
  }

  /** A channel whose overwrite denies the bot's role Create Public Threads, as an admin might. */
  static ObjectNode noThreadsChannel() {
    ObjectNode c = textChannel().put("id", NO_THREADS_CHANNEL_ID).put("name", "no-threads").put("position", 1);
    c.putArray("permission_overwrites").add(object().put("id", BOT_ROLE_ID).put("type", 0)
        .put("allow", "0").put("deny", Long.toString(CREATE_PUBLIC_THREADS)));
    return c;
  }

  /** The bot's permissions in a channel, thread or not, after its overwrites. */
  static long botPermissionsIn(String channelId) {
    return channelId.equals(NO_THREADS_CHANNEL_ID) ? BOT_PERMISSIONS & ~CREATE_PUBLIC_THREADS : BOT_PERMISSIONS;
  }

  public static ObjectNode dmChannel() {
    ObjectNode c = object().put("id", DM_CHANNEL_ID).put("type", 1).putNull("last_message_id").put("flags", 0);
    c.putArray("recipients").add(human());
    return c;
  }

  public static ObjectNode thread(String id, String parentId, String ownerId, String name) {
    ObjectNode t = object().put("id", id).put("type", 11).put("guild_id", GUILD_ID).put("parent_id", parentId)
        .put("owner_id", ownerId).put("name", name).putNull("last_message_id").put("rate_limit_per_user", 0)
        .put("message_count", 0).put("member_count", 1).put("total_message_sent", 0).put("flags", 0);
    String now = Instant.now().toString();
    t.set("thread_metadata", object().put("archived", false).put("auto_archive_duration", 1440)
        .put("archive_timestamp", now).put("locked", false).put("create_timestamp", now));
    return t;
  }

  /** A message as REST returns it and MESSAGE_CREATE carries it. */
  public static ObjectNode message(String id, String channelId, String guildId, ObjectNode author, String content) {
    ObjectNode m = object().put("id", id).put("channel_id", channelId).put("content", content)
        .put("timestamp", Snowflakes.timeOf(id).toString()).putNull("edited_timestamp").put("tts", false)
        .put("mention_everyone", false).put("pinned", false).put("type", 0).put("flags", 0);
    if (guildId != null) m.put("guild_id", guildId);
    m.set("author", author);
    m.putArray("mentions");
    m.putArray("mention_roles");
    m.putArray("attachments");
    m.putArray("embeds");
    m.putArray("components");
    return m;
  }

  /**
   * An attachment object (discord.com/developers/docs/resources/message#attachment-object): JDA
   * requires {@code id}, {@code filename}, {@code size}, {@code url} and {@code proxy_url}.
   */
  public static ObjectNode attachment(String id, String fileName, String contentType, long size, String url,
      String proxyUrl) {
    return object().put("id", id).put("filename", fileName).put("content_type", contentType).put("size", size)
        .put("url", url).put("proxy_url", proxyUrl);
  }

  /** Adds files to a message. */
  public static ObjectNode withAttachments(ObjectNode message, ObjectNode... attachments) {
    for (ObjectNode attachment : attachments) message.withArray("attachments").add(attachment);
    return message;
  }

  /**
   * Marks a message as a voice message: flag {@code IS_VOICE_MESSAGE} ({@code 1 << 13}), which
   * Discord sets on a recording's message, whose content is empty.
   */
  public static ObjectNode voiceMessage(ObjectNode message) {
    return message.put("flags", message.path("flags").asInt() | IS_VOICE_MESSAGE).put("content", "");
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
