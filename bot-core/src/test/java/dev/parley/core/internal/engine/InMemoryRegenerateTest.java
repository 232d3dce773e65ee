package dev.parley.core.internal.engine;

import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import dev.parley.core.testing.TestEngines;

/** Regenerate on the in-memory stores, shared by the engines of a test as one process's would be. */
class InMemoryRegenerateTest extends RegenerateContractTest {
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final InMemoryEventDeduplicator deduplicator = new InMemoryEventDeduplicator();
  private final InMemoryTurnSequencer sequencer = new InMemoryTurnSequencer();

  @Override
  ConversationEngineBuilder engineOnSharedStore(String groqBaseUrl) {
    return TestEngines.inMemoryBuilder(groqBaseUrl).history(history).deduplicator(deduplicator).sequencer(sequencer);
  }

  @Override
  HistoryStore history() {
    return history;
  }
}
