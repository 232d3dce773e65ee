package dev.parley.core.internal.llm;

/**
 * Receives one streamed completion. Callbacks arrive on one background thread at a time, in
 * order: any number of deltas, then exactly one of {@link #onComplete} or {@link #onError}.
 */
public interface ChatStreamListener {

  /** A fragment of the answer text. Never null or empty. */
  void onContent(String delta);

  /** A fragment of a reasoning model's thinking. Kept apart from the answer and never shown as it. */
  default void onReasoning(String delta) {}

  /** The stream ended with a finish reason. Tool calls are fully assembled by now. */
  void onComplete(ChatCompletion completion);

  /**
   * The stream failed: an HTTP error, an in-stream {@code event: error}, a malformed chunk, a
   * timeout, or a connection cut before a finish reason ({@link LlmErrors.StreamInterrupted}).
   * {@code partial} holds what arrived before the failure (possibly empty text).
   */
  void onError(LlmException error, ChatCompletion partial);
}
