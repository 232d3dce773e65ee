package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * Block Kit checks, to the degree that catches a bot's mistakes: Slack answers a message whose
 * {@code blocks} break these rules with {@code invalid_blocks} (docs.slack.dev/reference/block-kit).
 */
final class FakeSlackBlocks {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Block types Slack documents for messages. */
  private static final Set<String> TYPES = Set.of("actions", "context", "divider", "file", "header", "image",
      "input", "markdown", "rich_text", "section", "video", "context_actions", "table");
  /** "Maximum number of blocks per message: 50." */
  private static final int MAX_BLOCKS = 50;
  /** A section's text: "Maximum length for the text in this field is 3000 characters." */
  private static final int MAX_SECTION_TEXT = 3_000;
  /** A header's plain_text: 150 characters. */
  private static final int MAX_HEADER_TEXT = 150;
  /** An action_id: "Maximum length is 255 characters"; a button's value: 2000. */
  private static final int MAX_ACTION_ID = 255;
  private static final int MAX_BUTTON_VALUE = 2_000;
  /** An actions block holds at most 25 elements. */
  private static final int MAX_ACTION_ELEMENTS = 25;

  private FakeSlackBlocks() {}

  /** What is wrong with {@code blocksJson}, or null when Slack would accept it (or it is absent). */
  static String problem(String blocksJson) {
    if (blocksJson == null) return null;
    JsonNode blocks;
    try {
      blocks = JSON.readTree(blocksJson);
    } catch (Exception e) {
      return "blocks are not JSON";
    }
    if (!blocks.isArray()) return "blocks must be an array";
    if (blocks.size() > MAX_BLOCKS) return "more than " + MAX_BLOCKS + " blocks";
    for (int i = 0; i < blocks.size(); i++) {
      String problem = block(blocks.get(i));
      if (problem != null) return "blocks[" + i + "]: " + problem;
    }
    return null;
  }

  private static String block(JsonNode block) {
    String type = block.path("type").asText("");
    if (!TYPES.contains(type)) return "unknown block type '" + type + "'";
    return switch (type) {
      case "section" -> section(block);
      case "header" -> text(block.path("text"), MAX_HEADER_TEXT, true);
      case "actions" -> actions(block);
      case "context" -> block.path("elements").isArray() && !block.path("elements").isEmpty()
          ? null : "context needs elements";
      default -> null;
    };
  }

  private static String section(JsonNode block) {
    if (!block.has("text") && !block.has("fields")) return "section needs text or fields";
    if (block.has("text")) return text(block.get("text"), MAX_SECTION_TEXT, false);
    return null;
  }

  private static String text(JsonNode text, int max, boolean plainOnly) {
    String type = text.path("type").asText("");
    if (!type.equals("plain_text") && (plainOnly || !type.equals("mrkdwn"))) return "bad text object type '" + type + "'";
    String value = text.path("text").asText("");
    if (value.isEmpty()) return "empty text";
    if (value.length() > max) return "text longer than " + max + " characters (" + value.length() + ")";
    return null;
  }

  private static String actions(JsonNode block) {
    JsonNode elements = block.path("elements");
    if (!elements.isArray() || elements.isEmpty()) return "actions need elements";
    if (elements.size() > MAX_ACTION_ELEMENTS) return "more than " + MAX_ACTION_ELEMENTS + " elements";
    for (JsonNode element : elements) {
      String actionId = element.path("action_id").asText("");
      if (actionId.isEmpty()) return "an interactive element without action_id";
      if (actionId.length() > MAX_ACTION_ID) return "action_id longer than " + MAX_ACTION_ID;
      if ("button".equals(element.path("type").asText())) {
        String problem = text(element.path("text"), 75, true);
        if (problem != null) return "button text: " + problem;
        if (element.path("value").asText("").length() > MAX_BUTTON_VALUE) return "button value too long";
      }
    }
    return null;
  }
}
