package dev.parley.core.internal.engine;

class InMemoryTurnSequencerTest extends TurnSequencerContractTest {

  private final InMemoryTurnSequencer shared = new InMemoryTurnSequencer();

  @Override
  protected TurnSequencer sequencer() {
    return shared;
  }
}
