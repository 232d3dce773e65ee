package dev.parley.core.internal.llm.groq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.internal.llm.LlmErrors;
import dev.parley.core.internal.llm.ModelInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code GET /models} leniently: unknown fields ignored, absent numbers null, absent {@code active} true. */
final class ModelListParser {
  private final ObjectMapper json;

  ModelListParser(ObjectMapper json) {
    this.json = json;
  }

  List<ModelInfo> parse(String body) {
    JsonNode data;
    try {
      data = json.readTree(body).path("data");
    } catch (IOException e) {
      throw new LlmErrors.MalformedStream("the model list is not JSON", e);
    }
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode entry : data) {
      JsonNode id = entry.get("id");
      if (id == null || !id.isTextual()) continue;
      JsonNode active = entry.get("active");
      models.add(new ModelInfo(id.asText(), text(entry.get("owned_by")),
          active == null || active.isNull() || active.asBoolean(true),
          integer(entry.get("context_window")), integer(entry.get("max_completion_tokens"))));
    }
    return List.copyOf(models);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Integer integer(JsonNode node) {
    return node != null && node.canConvertToInt() ? node.intValue() : null;
  }
}
