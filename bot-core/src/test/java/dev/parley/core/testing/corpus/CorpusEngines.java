package dev.parley.core.testing.corpus;

import dev.parley.core.engine.ConversationEngineBuilder;
import java.lang.reflect.Method;
import java.time.Duration;

/** How the corpus configures the engine it runs against. */
public final class CorpusEngines {
  /** Short enough for the endless-stream case to end within the case's wait, long for every other. */
  public static final Duration TURN_DEADLINE = Duration.ofSeconds(20);

  private CorpusEngines() {}

  /**
   * The builder with a short turn deadline. The deadline belongs to another part of issue 9
   * (the bounds); it is set reflectively so that this corpus compiles before and after that part
   * is merged. Once both are on one branch, call {@code builder.turnDeadline(TURN_DEADLINE)}.
   */
  public static ConversationEngineBuilder withShortTurnDeadline(ConversationEngineBuilder builder) {
    try {
      Method setter = ConversationEngineBuilder.class.getMethod("turnDeadline", Duration.class);
      return (ConversationEngineBuilder) setter.invoke(builder, TURN_DEADLINE);
    } catch (NoSuchMethodException notYetMerged) {
      return builder;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set the turn deadline", e);
    }
  }
}
