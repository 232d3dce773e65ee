package dev.parley.core.internal.llm;

/** Why the model stopped. Wire names are lower-case with underscores. */
public enum FinishReason {
  STOP,
  LENGTH,
  TOOL_CALLS,
  CONTENT_FILTER;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns null for an unknown or absent reason. */
  public static FinishReason fromWire(String value) {
    if (value == null) return null;
    for (FinishReason reason : values()) {
      if (reason.wireName().equals(value)) return reason;
    }
    return null;
  }
}
