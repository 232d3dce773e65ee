package dev.parley.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link StreamCheckpoints} does; each implementation runs these. */
public abstract class StreamCheckpointsContractTest {
  protected static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "1767225600.000100");
  protected static final ConversationKey OTHER = new ConversationKey("slack", "T1", "C1", "1767225600.000200");
  private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  protected abstract StreamCheckpoints store();

  @Test
  void aSavedCheckpointLoadsAsItWasAndStaysInItsConversation() {
    StreamCheckpoints store = store();
    StreamCheckpoint checkpoint = new StreamCheckpoint("C1", "1767225601.000100", 9_000, 9_420, "1767225601.000200", STARTED);

    store.save(THREAD, checkpoint);

    assertThat(store.load(THREAD)).contains(checkpoint);
    assertThat(store.load(OTHER)).isEmpty();
  }

  @Test
  void aCheckpointWithoutAControlMessageKeepsItsNull() {
    StreamCheckpoints store = store();
    StreamCheckpoint checkpoint = new StreamCheckpoint("C1", "1.1", 0, 0, null, STARTED);

    store.save(THREAD, checkpoint);

    assertThat(store.load(THREAD)).contains(checkpoint);
  }

  @Test
  void aLaterSaveReplacesTheEarlierOne() {
    StreamCheckpoints store = store();
    store.save(THREAD, new StreamCheckpoint("C1", "1.1", 0, 500, "1.2", STARTED));
    StreamCheckpoint rolledOver = new StreamCheckpoint("C1", "1.3", 500, 700, null, STARTED.plusSeconds(270));

    store.save(THREAD, rolledOver);

    assertThat(store.load(THREAD)).contains(rolledOver);
  }

  @Test
  void aSaveReturnsTheCheckpointItReplaced() {
    StreamCheckpoints store = store();
    StreamCheckpoint leftOpen = new StreamCheckpoint("C1", "1.1", 0, 500, "1.2", STARTED);
    StreamCheckpoint next = new StreamCheckpoint("C1", "1.5", 0, 20, "1.6", STARTED.plusSeconds(60));

    assertThat(store.save(THREAD, leftOpen)).isEmpty();
    assertThat(store.save(THREAD, next)).contains(leftOpen);
    assertThat(store.save(OTHER, leftOpen)).isEmpty();
    assertThat(store.load(THREAD)).contains(next);
  }

  @Test
  void clearForgetsOnlyTheCheckpointOfTheNamedMessage() {
    StreamCheckpoints store = store();
    StreamCheckpoint newer = new StreamCheckpoint("C1", "1.3", 0, 10, null, STARTED);
    store.save(THREAD, newer);

    store.clear(THREAD, "1.1");
    assertThat(store.load(THREAD)).contains(newer);

    store.clear(THREAD, "1.3");
    assertThat(store.load(THREAD)).isEmpty();
    store.clear(THREAD, "1.3");
  }

  @Test
  void aCheckpointMustCountForwards() {
    assertThatThrownBy(() -> new StreamCheckpoint("C1", "1.1", 10, 5, null, STARTED))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
