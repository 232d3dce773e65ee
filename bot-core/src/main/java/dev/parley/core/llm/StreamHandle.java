package dev.parley.core.llm;

/** A running stream. Cancelling is idempotent and safe from any thread. */
@FunctionalInterface
public interface StreamHandle {

  /** Stops the HTTP call. No listener callback follows a cancel, not even a terminal one. */
  void cancel();
}
