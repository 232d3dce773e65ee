package dev.parley.core.internal.engine;

class InMemoryConversationSettingsStoreTest extends ConversationSettingsStoreContractTest {

  @Override
  protected ConversationSettingsStore store() {
    return new InMemoryConversationSettingsStore();
  }
}
