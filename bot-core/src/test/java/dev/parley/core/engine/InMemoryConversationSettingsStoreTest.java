package dev.parley.core.engine;

class InMemoryConversationSettingsStoreTest extends ConversationSettingsStoreContractTest {

  @Override
  protected ConversationSettingsStore store() {
    return new InMemoryConversationSettingsStore();
  }
}
