package dev.parley.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What Groq refuses in a request's {@code tools}, as its documentation states it: a tool's
 * {@code type} is {@code function}, {@code browser_search} or {@code code_interpreter} (Groq's SDK
 * types); a function needs a name; the built-in tools run only on the gpt-oss models (Groq's
 * browser-search and code-execution pages list no others); and the Compound systems take no tools
 * from the caller at all ("Custom user-provided tools are not supported at this time"). The exact
 * wording of Groq's messages for these cases is not documented; these read like its schema errors.
 */
final class GroqToolRules {
  private static final Set<String> TYPES = Set.of("function", "browser_search", "code_interpreter");

  private GroqToolRules() {}

  /** The refusal for {@code body}'s tools, or null when Groq would take them. */
  static GroqRequestRules.Refusal check(JsonNode body, String model) {
    JsonNode tools = body.get("tools");
    if (tools == null || tools.isNull()) return null;
    if (!tools.isArray()) return GroqRequestRules.Refusal.badRequest("'tools' : value must be an array", null);
    if (!tools.isEmpty() && model.startsWith("groq/compound")) {
      return GroqRequestRules.Refusal.badRequest("'tools' : custom tools are not supported by " + model, null);
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String type = tool.path("type").asText("");
      if (!TYPES.contains(type)) {
        return GroqRequestRules.Refusal.badRequest("'tools." + i + ".type' : value must be one of " + TYPES, null);
      }
      if (type.equals("function") && !tool.path("function").path("name").isTextual()) {
        return GroqRequestRules.Refusal.badRequest("'tools." + i + ".function.name' : property 'name' is missing", null);
      }
      if (!type.equals("function") && !model.startsWith("openai/gpt-oss-")) {
        return GroqRequestRules.Refusal.badRequest("'tools." + i + "' : " + type + " is not supported by " + model, null);
      }
    }
    return null;
  }
}
