package dev.parley.core.internal.llm;

import java.util.List;

/**
 * A streaming chat model: the core's port to Groq or any OpenAI-compatible server.
 *
 * <p>Implementations are thread-safe; one instance serves every conversation.
 */
public interface ChatModel {

  /**
   * Starts a streamed completion and returns at once. The listener receives deltas on a
   * background thread, then exactly one terminal callback ({@code onComplete} or
   * {@code onError}), and nothing after it. Failures never throw from this method; they reach
   * the listener.
   *
   * <p>Retriable failures are retried internally, but only before the first delta has been
   * delivered: once text has reached the listener, an error is surfaced instead.
   *
   * @return a handle whose {@link StreamHandle#cancel()} stops the HTTP call; after cancel no
   *     further callback is made.
   */
  StreamHandle stream(ChatRequest request, ChatStreamListener listener);

  /**
   * Lists the models the server offers. Blocking; call it off the event loop.
   *
   * @throws LlmException on any failure
   */
  List<ModelInfo> listModels();
}
