package dev.parley.core.internal.llm;

/** A running stream. Cancelling is idempotent and safe from any thread. */
@FunctionalInterface
public interface StreamHandle {

  /**
   * Stops the HTTP call. No listener callback follows a cancel, not even a terminal one. If a
   * callback is running on another thread, cancel waits for it to return, so a listener must not
   * block on the thread that cancels; from inside a callback, cancel returns at once.
   */
  void cancel();
}
