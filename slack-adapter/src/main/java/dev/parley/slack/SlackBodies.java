package dev.parley.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the bodies Slack sends, which come in three shapes: JSON (events), form fields (slash
 * commands) and a form with one {@code payload} field holding JSON (interactions). Socket Mode
 * wraps the same payloads in JSON envelopes, so every shape ends up as one JSON object here.
 */
final class SlackBodies {
  static final ObjectMapper JSON = new ObjectMapper();

  private SlackBodies() {}

  static JsonNode parse(String body) {
    String trimmed = body == null ? "" : body.strip();
    if (trimmed.startsWith("{")) return readJson(trimmed);
    ObjectNode fields = JSON.createObjectNode();
    for (String pair : trimmed.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      fields.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return fields.has("payload") ? readJson(fields.get("payload").asText()) : fields;
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a Slack JSON payload", e);
    }
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
