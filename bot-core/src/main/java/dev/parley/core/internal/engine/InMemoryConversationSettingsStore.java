package dev.parley.core.internal.engine;

import dev.parley.core.api.ConversationKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps conversation settings in this process, without expiry. Thread-safe. */
public final class InMemoryConversationSettingsStore implements ConversationSettingsStore {

  private final Map<ConversationKey, String> models = new ConcurrentHashMap<>();

  @Override
  public Optional<String> model(ConversationKey key) {
    return Optional.ofNullable(models.get(key));
  }

  @Override
  public void setModel(ConversationKey key, String model) {
    if (model == null) {
      models.remove(key);
    } else {
      models.put(key, model);
    }
  }
}
