package dev.parley.core.api;

class InMemoryStreamCheckpointsTest extends StreamCheckpointsContractTest {
  private final InMemoryStreamCheckpoints store = new InMemoryStreamCheckpoints();

  @Override
  protected StreamCheckpoints store() {
    return store;
  }
}
