package dev.parley.core.internal.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link HandoffStore} must do, run against each implementation. */
public abstract class HandoffStoreContractTest {

  /** A store; for a shared store, a new instance over the same data (another bot instance). */
  protected abstract HandoffStore store();

  protected static ConversationKey conversation() {
    return new ConversationKey("slack", "T1", "C1", UUID.randomUUID().toString());
  }

  @Test
  void aThreadIsQuietFromTheHandoffOnAndForEveryInstance() {
    ConversationKey key = conversation();
    Instant now = Instant.now();

    HandoffStore.Begun begun = store().begin(key, now, Duration.ofHours(4));

    assertThat(begun.fresh()).isTrue();
    assertThat(store().find(key)).contains(begun.handoff());
    assertThat(begun.handoff().since().toEpochMilli()).isEqualTo(now.toEpochMilli());
    assertThat(begun.handoff().until().toEpochMilli()).isEqualTo(now.plus(Duration.ofHours(4)).toEpochMilli());
    assertThat(store().find(conversation())).isEmpty();
  }

  @Test
  void aSecondHandoffFindsTheFirstAndKeepsItsStart() {
    ConversationKey key = conversation();
    HandoffStore.Begun first = store().begin(key, Instant.now(), Duration.ofHours(4));

    HandoffStore.Begun again = store().begin(key, Instant.now().plusSeconds(5), Duration.ofHours(1));

    assertThat(again.fresh()).isFalse();
    assertThat(again.handoff()).isEqualTo(first.handoff());
  }

  @Test
  void ofConcurrentHandoffsExactlyOneBegins() throws Exception {
    ConversationKey key = conversation();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    List<Callable<HandoffStore.Begun>> calls = IntStream.range(0, 16)
        .<Callable<HandoffStore.Begun>>mapToObj(i -> () -> store().begin(key, Instant.now(), Duration.ofHours(4)))
        .toList();
    List<HandoffStore.Begun> results = pool.invokeAll(calls).stream().map(HandoffStoreContractTest::get).toList();
    pool.shutdown();

    assertThat(results).filteredOn(HandoffStore.Begun::fresh).hasSize(1);
    assertThat(results).extracting(HandoffStore.Begun::handoff).containsOnly(results.get(0).handoff());
  }

  @Test
  void resumeEndsTheHandoffAndANewOneStartsAfresh() {
    ConversationKey key = conversation();
    HandoffStore.Begun first = store().begin(key, Instant.now(), Duration.ofHours(4));

    assertThat(store().end(key)).isTrue();
    assertThat(store().find(key)).isEmpty();
    assertThat(store().end(key)).isFalse();

    HandoffStore.Begun second = store().begin(key, first.handoff().since().plusSeconds(60), Duration.ofHours(4));
    assertThat(second.fresh()).isTrue();
    assertThat(second.handoff().since()).isAfter(first.handoff().since());
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
