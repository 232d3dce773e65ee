package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import mockwebserver3.MockResponse;

/** What Discord refuses in a message or an interaction response, with its own error bodies. */
final class DiscordMessageRules {
  /** "content: up to 2000 characters" (docs: resources/message#create-message). */
  static final int MAX_CONTENT = 2_000;
  /**
   * Interaction callback types Discord documents (interactions/receiving-and-responding): PONG,
   * CHANNEL_MESSAGE_WITH_SOURCE, DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, DEFERRED_UPDATE_MESSAGE,
   * UPDATE_MESSAGE, APPLICATION_COMMAND_AUTOCOMPLETE_RESULT, MODAL, PREMIUM_REQUIRED (deprecated)
   * and LAUNCH_ACTIVITY. PONG answers only a PING, which reaches gateway bots never.
   */
  private static final Set<Integer> CALLBACK_TYPES = Set.of(4, 5, 6, 7, 8, 9, 10, 12);
  /**
   * Which callback answers which interaction type, as the docs' callback type table says:
   * DEFERRED_UPDATE_MESSAGE and UPDATE_MESSAGE only for components (and modal submits from one),
   * AUTOCOMPLETE_RESULT only for autocomplete, MODAL not for a modal submit.
   */
  private static final java.util.Map<Integer, Set<Integer>> CALLBACKS_BY_INTERACTION = java.util.Map.of(
      2, Set.of(4, 5, 9, 10, 12),
      3, Set.of(4, 5, 6, 7, 9, 10),
      4, Set.of(8),
      5, Set.of(4, 5, 6, 7, 10));
  /** Callback types whose {@code data} is a message. */
  private static final Set<Integer> MESSAGE_CALLBACKS = Set.of(4, 7);

  private DiscordMessageRules() {}

  /** A create (channel message, follow-up) Discord refuses, or null. */
  static MockResponse refuseCreate(JsonNode body) {
    MockResponse tooLong = tooLong(body);
    if (tooLong != null) return tooLong;
    return hasContent(body) ? null : empty();
  }

  /** An edit Discord refuses: too long, or one that leaves the message with nothing to show. */
  static MockResponse refuseEdit(JsonNode patch, JsonNode current) {
    MockResponse tooLong = tooLong(patch);
    if (tooLong != null) return tooLong;
    if (current == null) return null;
    ObjectNode after = current.deepCopy();
    patch.properties().forEach(e -> after.set(e.getKey(), e.getValue()));
    return hasContent(after) ? null : empty();
  }

  /** An interaction callback Discord refuses, or null. */
  static MockResponse refuseCallback(JsonNode body, int interactionType) {
    JsonNode type = body.path("type");
    if (!type.isInt() || !CALLBACK_TYPES.contains(type.asInt())) {
      return invalidForm("type", "BASE_TYPE_CHOICES",
          "Value must be one of " + CALLBACK_TYPES.stream().sorted().toList() + ".");
    }
    if (!CALLBACKS_BY_INTERACTION.getOrDefault(interactionType, CALLBACK_TYPES).contains(type.asInt())) {
      return FakeDiscordRest.json(400, object().put("message", "Invalid interaction response type for this interaction")
          .put("code", 50035));
    }
    if (MESSAGE_CALLBACKS.contains(type.asInt())) {
      JsonNode data = body.path("data");
      MockResponse tooLong = tooLong(data);
      if (tooLong != null) return tooLong;
      if (type.asInt() == 4 && !hasContent(data)) return empty();
    }
    return null;
  }

  /** 400 with code 40060: every interaction takes exactly one initial response. */
  static MockResponse alreadyAcknowledged() {
    return FakeDiscordRest.json(400, object().put("message", "Interaction has already been acknowledged.")
        .put("code", 40060));
  }

  private static MockResponse tooLong(JsonNode body) {
    String content = body.path("content").asText("");
    if (content.codePointCount(0, content.length()) <= MAX_CONTENT) return null;
    return invalidForm("content", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_CONTENT + " or fewer in length.");
  }

  /** Content, an embed, a component, a sticker, a file or a poll: anything a message can show. */
  private static boolean hasContent(JsonNode message) {
    return !message.path("content").asText("").isBlank() || nonEmpty(message, "embeds")
        || nonEmpty(message, "components") || nonEmpty(message, "sticker_ids") || nonEmpty(message, "attachments")
        || message.hasNonNull("poll");
  }

  private static boolean nonEmpty(JsonNode message, String field) {
    return message.path(field).isArray() && !message.path(field).isEmpty();
  }

  /** 400 with code 50006, "Cannot send an empty message". */
  private static MockResponse empty() {
    return FakeDiscordRest.json(400, object().put("message", "Cannot send an empty message").put("code", 50006));
  }

  /** 400 with code 50035, "Invalid Form Body", and the field's error as Discord nests it. */
  private static MockResponse invalidForm(String field, String code, String message) {
    ObjectNode body = object().put("message", "Invalid Form Body").put("code", 50035);
    body.putObject("errors").putObject(field).putArray("_errors").addObject().put("code", code).put("message", message);
    return FakeDiscordRest.json(400, body);
  }
}
