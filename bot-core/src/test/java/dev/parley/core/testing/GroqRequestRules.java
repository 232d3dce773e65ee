package dev.parley.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * What Groq's {@code POST /openai/v1/chat/completions} refuses before it answers, as far as
 * Parley's requests go. Groq validates the body against the OpenAI chat schema and answers a
 * violation with 400 {@code invalid_request_error} (the messages read
 * {@code 'messages.1' : for 'role:user' the following must be satisfied[...]}); a model it does not
 * serve is 404 {@code model_not_found}; see console.groq.com/docs/errors.
 */
final class GroqRequestRules {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
  /** Groq's content part types for user messages: text, and images for vision models. */
  private static final Set<String> PART_TYPES = Set.of("text", "image_url");

  private GroqRequestRules() {}

  /** An error Groq answers, with its OpenAI-style body. */
  record Refusal(int status, String message, String type, String code) {
    static Refusal badRequest(String message, String code) {
      return new Refusal(400, message, "invalid_request_error", code);
    }

    String body() {
      ObjectNode error = JSON.createObjectNode();
      ObjectNode inner = error.putObject("error").put("message", message).put("type", type);
      if (code != null) inner.put("code", code);
      return error.toString();
    }
  }

  /** The refusal Groq would answer to {@code body}, or null when it would accept it. */
  static Refusal check(JsonNode body, Set<String> models) {
    JsonNode model = body.get("model");
    if (model == null || !model.isTextual()) return Refusal.badRequest("property 'model' is missing", null);
    if (!models.contains(model.asText())) {
      return new Refusal(404, "The model `" + model.asText() + "` does not exist or you do not have access to it.",
          "invalid_request_error", "model_not_found");
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isBoolean() && !stream.isNull()) {
      return Refusal.badRequest("'stream' : value must be a boolean", null);
    }
    Refusal tools = GroqToolRules.check(body, model.asText());
    if (tools != null) return tools;
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) return Refusal.badRequest("property 'messages' is missing", null);
    if (messages.isEmpty()) return Refusal.badRequest("'messages' : minimum number of items is 1", null);
    Set<String> toolCallIds = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      String problem = message(messages.get(i), toolCallIds);
      if (problem != null) {
        String role = messages.get(i).path("role").asText("?");
        return Refusal.badRequest("'messages." + i + "' : for 'role:" + role
            + "' the following must be satisfied[('messages." + i + problem + ")]", null);
      }
    }
    return null;
  }

  /** What is wrong with one message, as {@code .field' : reason}, or null. */
  private static String message(JsonNode message, Set<String> toolCallIds) {
    if (!message.isObject()) return "' : value must be an object";
    String role = message.path("role").asText("");
    if (!ROLES.contains(role)) return ".role' : value must be one of " + ROLES;
    // Groq documents no name field and refuses it, unlike OpenAI.
    if (message.has("name")) return ".name' : property 'name' is unsupported";
    JsonNode content = message.get("content");
    return switch (role) {
      case "system" -> content != null && content.isTextual() ? null : ".content' : value must be a string";
      case "user" -> userContent(content);
      case "assistant" -> assistant(message, content, toolCallIds);
      default -> tool(message, content, toolCallIds);
    };
  }

  private static String userContent(JsonNode content) {
    if (content != null && content.isTextual()) return null;
    if (content == null || !content.isArray() || content.isEmpty()) {
      return ".content' : value must be a string or a non-empty array of content parts";
    }
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      if (!PART_TYPES.contains(type)) return ".content' : unknown content part type '" + type + "'";
      if (type.equals("text") && !part.path("text").isTextual()) return ".content' : text part needs 'text'";
      if (type.equals("image_url") && !part.path("image_url").path("url").isTextual()) {
        return ".content' : image_url part needs 'image_url.url'";
      }
    }
    return null;
  }

  private static String assistant(JsonNode message, JsonNode content, Set<String> toolCallIds) {
    JsonNode calls = message.get("tool_calls");
    boolean hasContent = content != null && content.isTextual();
    if (calls == null || calls.isNull()) return hasContent ? null : ".content' : property 'content' is missing";
    if (!calls.isArray() || calls.isEmpty()) return ".tool_calls' : minimum number of items is 1";
    for (JsonNode call : calls) {
      if (!call.path("id").isTextual() || !"function".equals(call.path("type").asText())
          || !call.path("function").path("name").isTextual() || !call.path("function").path("arguments").isTextual()) {
        return ".tool_calls' : each call needs id, type 'function', function.name and function.arguments";
      }
      toolCallIds.add(call.get("id").asText());
    }
    return null;
  }

  private static String tool(JsonNode message, JsonNode content, Set<String> toolCallIds) {
    if (content == null || !content.isTextual()) return ".content' : value must be a string";
    JsonNode id = message.get("tool_call_id");
    if (id == null || !id.isTextual()) return ".tool_call_id' : property 'tool_call_id' is missing";
    // A tool result must answer a call an earlier assistant message made.
    if (!toolCallIds.contains(id.asText())) {
      return ".tool_call_id' : no preceding assistant tool_calls has id '" + id.asText() + "'";
    }
    return null;
  }
}
