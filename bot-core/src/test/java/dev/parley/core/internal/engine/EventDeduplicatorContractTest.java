package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link EventDeduplicator} must do, run against each implementation. */
public abstract class EventDeduplicatorContractTest {
  protected static final ConversationKey SLACK = new ConversationKey("slack", "T1", "C1", "1.0");
  protected static final ConversationKey DISCORD = new ConversationKey("discord", "G1", "C1", "C1");

  /** A deduplicator; for a shared store, each call returns a new instance over the same data. */
  protected abstract EventDeduplicator deduplicator();

  @Test
  void firstSightingOnlyOnce() {
    EventDeduplicator dedup = deduplicator();

    assertThat(dedup.firstSighting(SLACK, "Ev1")).isTrue();
    assertThat(dedup.firstSighting(SLACK, "Ev1")).isFalse();
    assertThat(dedup.firstSighting(SLACK, "Ev2")).isTrue();
  }

  @Test
  void platformsHaveTheirOwnIds() {
    EventDeduplicator dedup = deduplicator();

    assertThat(dedup.firstSighting(SLACK, "123")).isTrue();
    assertThat(dedup.firstSighting(DISCORD, "123")).isTrue();
  }

  @Test
  void exactlyOneOfManyConcurrentCallersSeesTheEventFirst() throws Exception {
    List<EventDeduplicator> instances = List.of(deduplicator(), deduplicator());
    List<Callable<Boolean>> calls = IntStream.range(0, 8)
        .<Callable<Boolean>>mapToObj(i -> () -> instances.get(i % 2).firstSighting(SLACK, "EvRace"))
        .toList();
    try (var executor = Executors.newFixedThreadPool(8)) {
      long firsts = 0;
      for (Future<Boolean> result : executor.invokeAll(calls)) {
        if (result.get()) firsts++;
      }
      assertThat(firsts).isEqualTo(1);
    }
  }
}
