package dev.parley.core.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.llm.Role;
import dev.parley.core.internal.llm.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of a {@link Turn}, shared by every store that keeps turns as text. Field names
 * are fixed here (not derived from the record) so a renamed component never orphans stored
 * history. Timestamps are ISO-8601 instants. Stateless and thread-safe.
 */
public final class TurnJson {

  private static final ObjectMapper MAPPER = PooledJson.newMapper();

  private TurnJson() {}

  public static String encode(Turn turn) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("role", turn.role().wireName());
    node.put("content", turn.content());
    node.put("authorId", turn.authorId());
    node.put("authorName", turn.authorName());
    ArrayNode calls = node.putArray("toolCalls");
    for (ToolCall call : turn.toolCalls()) {
      calls.addObject().put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
    }
    node.put("toolCallId", turn.toolCallId());
    node.put("timestamp", turn.timestamp().toString());
    node.put("tokenCount", turn.tokenCount());
    node.put("interrupted", turn.interrupted());
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /**
   * Reads a turn written by {@link #encode}.
   *
   * @throws IllegalArgumentException if {@code json} is not a stored turn
   */
  public static Turn decode(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode call : node.path("toolCalls")) {
        calls.add(new ToolCall(call.get("id").asText(), call.get("name").asText(), text(call, "arguments")));
      }
      return new Turn(
          Role.valueOf(node.get("role").asText().toUpperCase(Locale.ROOT)),
          text(node, "content"),
          text(node, "authorId"),
          text(node, "authorName"),
          calls,
          text(node, "toolCallId"),
          Instant.parse(node.get("timestamp").asText()),
          node.path("tokenCount").asInt(),
          node.path("interrupted").asBoolean());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a stored turn: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
