package dev.parley.core.internal.llm;

import java.util.Objects;

/** {@code tool_choice}: {@code auto}, {@code none}, {@code required}, or one named function. */
public sealed interface ToolChoice {
  ToolChoice AUTO = new Mode("auto");
  ToolChoice NONE = new Mode("none");
  ToolChoice REQUIRED = new Mode("required");

  static ToolChoice function(String name) {
    return new Function(name);
  }

  record Mode(String value) implements ToolChoice {}

  record Function(String name) implements ToolChoice {
    public Function {
      Objects.requireNonNull(name, "name");
    }
  }
}
