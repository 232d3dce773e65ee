package dev.parley.core.internal.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.json.PooledJson;
import java.io.IOException;

/** Reading webhook bodies: the JSON tree, and text at a path that may be absent or null. */
final class WebhookJson {
  private static final ObjectMapper JSON = PooledJson.newMapper();

  private WebhookJson() {}

  static JsonNode read(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) throw new MalformedWebhookException("the body is not a JSON object");
      return root;
    } catch (IOException e) {
      throw new MalformedWebhookException("the body is not JSON", e);
    }
  }

  /** The text at {@code path} (field names), or "" when any step is missing or null. */
  static String text(JsonNode node, String... path) {
    JsonNode at = node;
    for (String field : path) {
      at = at.path(field);
    }
    return at.isValueNode() && !at.isNull() ? at.asText() : "";
  }

  static String required(JsonNode node, String... path) {
    String value = text(node, path);
    if (value.isBlank()) throw new MalformedWebhookException("the body has no " + String.join(".", path));
    return value;
  }
}
