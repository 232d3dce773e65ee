package dev.parley.core.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A function offered to the model: {@code {"type":"function","function":{name,description,parameters}}}. */
public record ToolDefinition(String name, String description, JsonNode parameters) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("tool name must be 1-64 of [a-zA-Z0-9_-]: " + name);
    }
    Objects.requireNonNull(parameters, "parameters");
  }
}
