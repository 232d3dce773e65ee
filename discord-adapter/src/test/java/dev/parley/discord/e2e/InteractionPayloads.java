package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.APP_ID;
import static dev.parley.discord.e2e.DiscordPayloads.GUILD_ID;
import static dev.parley.discord.e2e.DiscordPayloads.JSON;
import static dev.parley.discord.e2e.DiscordPayloads.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * INTERACTION_CREATE payloads with what JDA needs beyond the docs: a partial {@code guild} (else
 * JDA takes the DM path), {@code channel} with its {@code type}, {@code member.user},
 * {@code context}, {@code authorizing_integration_owners} and {@code version: 1}. Ids are
 * snowflakes of now, because JDA computes the token's expiry from them.
 */
public final class InteractionPayloads {
  static final int APPLICATION_COMMAND = 2;
  static final int MESSAGE_COMPONENT = 3;
  static final int AUTOCOMPLETE = 4;

  private InteractionPayloads() {}

  /** Where an interaction happens: a guild channel or thread, or the DM. */
  public record Place(JsonNode channel, boolean guild) {
    public static Place guildChannel() {
      return new Place(DiscordPayloads.textChannel(), true);
    }

    public static Place thread(JsonNode thread) {
      return new Place(thread, true);
    }

    public static Place dm() {
      return new Place(DiscordPayloads.dmChannel(), false);
    }
  }

  public static ObjectNode slashCommand(String id, String name, Place place, ObjectNode... options) {
    ObjectNode data = object().put("id", commandId(name)).put("name", name).put("type", 1);
    ArrayNode opts = data.putArray("options");
    for (ObjectNode option : options) opts.add(option);
    return base(id, APPLICATION_COMMAND, place, data);
  }

  static ObjectNode autocomplete(String id, String name, Place place, String option, String typed) {
    ObjectNode data = object().put("id", commandId(name)).put("name", name).put("type", 1);
    data.putArray("options").add(stringOption(option, typed).put("focused", true));
    return base(id, AUTOCOMPLETE, place, data);
  }

  public static ObjectNode button(String id, String customId, Place place, JsonNode message) {
    ObjectNode data = object().put("custom_id", customId).put("component_type", 2);
    ObjectNode payload = base(id, MESSAGE_COMPONENT, place, data);
    payload.set("message", message);
    return payload;
  }

  public static ObjectNode stringOption(String name, String value) {
    return object().put("name", name).put("type", 3).put("value", value);
  }

  public static ObjectNode booleanOption(String name, boolean value) {
    return object().put("name", name).put("type", 5).put("value", value);
  }

  /**
   * Adds an attachment option (type 11) to a slash command: the option's value is the
   * attachment's id, and the attachment object itself is in {@code data.resolved.attachments}.
   */
  public static ObjectNode withAttachmentOption(ObjectNode interaction, String name, ObjectNode attachment) {
    String id = attachment.get("id").asText();
    ObjectNode data = interaction.with("data");
    data.withArray("options").add(object().put("name", name).put("type", 11).put("value", id));
    data.with("resolved").with("attachments").set(id, attachment);
    return interaction;
  }

  static String commandId(String name) {
    return Long.toString(1800000000000000000L + Math.abs(name.hashCode() % 1000));
  }

  private static ObjectNode base(String id, int type, Place place, ObjectNode data) {
    ObjectNode i = object().put("id", id).put("application_id", APP_ID).put("type", type)
        .put("token", "itoken-" + id).put("version", 1).put("locale", "en-US")
        .put("app_permissions", Long.toString(DiscordPayloads.botPermissionsIn(place.channel().get("id").asText()))).put("attachment_size_limit", 10485760)
        .put("channel_id", place.channel().get("id").asText());
    i.set("data", data);
    i.set("channel", place.channel());
    i.putArray("entitlements");
    ObjectNode owners = i.putObject("authorizing_integration_owners");
    if (place.guild()) {
      i.put("guild_id", GUILD_ID).put("guild_locale", "en-US").put("context", 0);
      data.put("guild_id", GUILD_ID);
      i.set("guild", object().put("id", GUILD_ID).put("locale", "en-US").set("features", JSON.createArrayNode()));
      ObjectNode member = DiscordPayloads.member(DiscordPayloads.human(), null).put("permissions", "0");
      i.set("member", member);
      owners.put("0", GUILD_ID);
    } else {
      i.put("context", 1);
      i.set("user", DiscordPayloads.human());
      owners.put("1", DiscordPayloads.USER_ID);
    }
    return i;
  }
}
