package dev.parley.core.api.reply;


/**
 * Creates the reply only once the engine decided to answer, so that a duplicate event never
 * posts a placeholder. Called at most once per submission, on the submitting thread.
 */
@FunctionalInterface
public interface ReplySinkFactory {
  ReplySink open();
}
