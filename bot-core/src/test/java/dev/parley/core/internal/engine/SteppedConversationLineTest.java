package dev.parley.core.internal.engine;

import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.handoff.InMemoryHandoffStore;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.InMemoryHistoryStore;
import java.time.Clock;

class SteppedConversationLineTest extends ConversationLineContractTest {
  private final InMemoryTurnSequencer sequencer = new InMemoryTurnSequencer();
  private final InMemoryHistoryStore history = new InMemoryHistoryStore();
  private final InMemoryConversationSettingsStore settings = new InMemoryConversationSettingsStore();
  private final InMemoryTokenBudget budget = new InMemoryTokenBudget(DAILY_TOKENS, Clock.systemUTC());
  private final InMemoryHandoffStore handoffs = new InMemoryHandoffStore();

  @Override
  protected ConversationLine line() {
    return sequencer.lineWith(history, settings, budget, handoffs);
  }

  @Override
  protected HandoffStore handoffs() {
    return handoffs;
  }

  @Override
  protected HistoryStore history() {
    return history;
  }

  @Override
  protected ConversationSettingsStore settings() {
    return settings;
  }

  @Override
  protected TokenBudget budget() {
    return budget;
  }
}
