package dev.parley.core.testing.corpus;

import dev.parley.core.internal.engine.ConversationEngineBuilder;
import java.time.Duration;

/** How the corpus configures the engine it runs against. */
public final class CorpusEngines {
  /** Short enough for the endless-stream case to end within the case's wait, long for every other. */
  public static final Duration TURN_DEADLINE = Duration.ofSeconds(20);

  private CorpusEngines() {}

  /** The builder with a turn deadline short enough for the endless-stream case. */
  public static ConversationEngineBuilder withShortTurnDeadline(ConversationEngineBuilder builder) {
    return builder.turnDeadline(TURN_DEADLINE);
  }
}
