package dev.parley.core.internal.engine;

import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ModelChoice;
import dev.parley.core.internal.llm.ModelInfo;
import java.util.List;

/**
 * The model a conversation uses: its own choice (kept in the {@link ConversationSettingsStore}),
 * else its channel's, else the default; a new choice must be a model the server offers. Thread-safe.
 */
final class ModelChooser implements ModelChoice {
  private final ConversationSettingsStore choices;
  private final ModelCatalog catalog;
  private final ChannelSettingsResolver channels;

  ModelChooser(ConversationSettingsStore choices, ModelCatalog catalog, ChannelSettingsResolver channels) {
    this.choices = choices;
    this.catalog = catalog;
    this.channels = channels;
  }

  @Override
  public String currentModel(ConversationKey key) {
    return choices.model(key).orElse(channels.settingsFor(key).model());
  }

  /** An empty catalog (the server's list could not be read) refuses nothing: the server decides. */
  @Override
  public void switchModel(ConversationKey key, String model) {
    List<ModelInfo> models = catalog.models();
    if (!models.isEmpty() && models.stream().noneMatch(m -> m.id().equals(model))) {
      throw new IllegalArgumentException("unknown model '" + model + "'; available: " + availableModels());
    }
    choices.setModel(key, model);
  }

  @Override
  public List<String> availableModels() {
    return catalog.models().stream().map(ModelInfo::id).toList();
  }
}
