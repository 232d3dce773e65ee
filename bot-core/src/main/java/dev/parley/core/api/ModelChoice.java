package dev.parley.core.api;

import java.util.List;

/** Which model a conversation uses, and the choice a user may make. Thread-safe. */
public interface ModelChoice {

  /** The model this conversation uses: its own choice, else the channel's, else the default. */
  String currentModel(ConversationKey key);

  /**
   * Switches this conversation's model.
   *
   * @throws IllegalArgumentException if the server does not offer {@code model}
   */
  void switchModel(ConversationKey key, String model);

  /** Model ids the server offers, active ones only, sorted. Cached; may block on the first call. */
  List<String> availableModels();
}
