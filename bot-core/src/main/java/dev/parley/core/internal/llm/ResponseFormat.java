package dev.parley.core.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** {@code response_format}: {@code json_object}, or {@code json_schema} with a named schema. */
public sealed interface ResponseFormat {

  static ResponseFormat jsonObject() {
    return new JsonObject();
  }

  static ResponseFormat jsonSchema(String name, JsonNode schema, Boolean strict) {
    return new JsonSchema(name, schema, strict);
  }

  record JsonObject() implements ResponseFormat {}

  /** {@code strict} is null when unset. */
  record JsonSchema(String name, JsonNode schema, Boolean strict) implements ResponseFormat {
    public JsonSchema {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schema, "schema");
    }
  }
}
