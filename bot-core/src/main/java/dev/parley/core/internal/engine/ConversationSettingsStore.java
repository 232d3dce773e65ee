package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.util.Optional;

/** Remembers a conversation's own choices, such as the model picked with {@code /model}. */
public interface ConversationSettingsStore {

  /** The model chosen for this conversation, if any. */
  Optional<String> model(ConversationKey key);

  /** Chooses a model for this conversation; null clears the choice. */
  void setModel(ConversationKey key, String model);
}
