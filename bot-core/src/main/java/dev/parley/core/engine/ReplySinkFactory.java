package dev.parley.core.engine;

import dev.parley.core.reply.ReplySink;

/**
 * Creates the reply only once the engine decided to answer, so that a duplicate event never
 * posts a placeholder. Called at most once per submission, on the submitting thread.
 */
@FunctionalInterface
public interface ReplySinkFactory {
  ReplySink open();
}
