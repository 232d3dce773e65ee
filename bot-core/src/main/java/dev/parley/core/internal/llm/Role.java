package dev.parley.core.internal.llm;

import java.util.Locale;

/** A chat message's author role. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
