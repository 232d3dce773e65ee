package dev.parley.core.internal.llm;

import java.util.Objects;

/**
 * A function call requested by the model.
 *
 * @param id the call id that the matching tool message must echo as {@code tool_call_id}
 * @param name the function name
 * @param arguments the raw JSON arguments exactly as the model wrote them (may be invalid JSON)
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = Objects.requireNonNullElse(arguments, "");
  }
}
