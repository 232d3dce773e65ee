package dev.parley.core.internal.llm;

import java.util.Locale;

/** Groq's {@code service_tier}. {@code flex} may answer 498 when full. */
public enum ServiceTier {
  AUTO,
  ON_DEMAND,
  FLEX;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
