package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.api.StreamCheckpoint;
import dev.parley.core.api.StreamCheckpoints;
import dev.parley.core.api.StreamCheckpointsContractTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisStreamCheckpointsTest extends StreamCheckpointsContractTest {
  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected StreamCheckpoints store() {
    return new RedisStreamCheckpoints(redis.client(), redis.prefix(), Duration.ofHours(2));
  }

  @Test
  void aCheckpointLivesInTheConversationsSlotWithATtlAndIsSeenByAnotherInstance() {
    store().save(THREAD, new StreamCheckpoint("C1", "1.1", 0, 3, null, Instant.parse("2026-01-01T00:00:00Z")));

    String key = redis.prefix() + "{slack:T1:C1:1767225600.000100}:stream";
    assertThat(redis.keys()).containsExactly(key);
    assertThat(redis.client().pttl(key)).isCloseTo(Duration.ofHours(2).toMillis(), within(5_000L));
    assertThat(store().load(THREAD)).map(StreamCheckpoint::streamed).contains(3);
  }
}
