package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.handoff.HandoffStore;
import dev.parley.core.internal.handoff.HandoffStoreContractTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisHandoffStoreTest extends HandoffStoreContractTest {
  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected HandoffStore store() {
    return new RedisHandoffStore(redis.client(), redis.prefix());
  }

  @Test
  void theStateIsOneSmallKeyInTheConversationsSlotThatExpiresWithTheQuiet() {
    ConversationKey key = conversation();
    store().begin(key, Instant.now(), Duration.ofHours(4));

    String stored = redis.prefix() + "{" + key.asString() + "}:handoff";
    assertThat(redis.keys()).containsExactly(stored);
    assertThat(redis.client().pttl(stored)).isCloseTo(Duration.ofHours(4).toMillis(), within(10_000L));
  }

  @Test
  void anExpiredHandoffIsGoneForEveryInstance() {
    ConversationKey key = conversation();
    store().begin(key, Instant.now(), Duration.ofMillis(50));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store().find(key).isEmpty());
    assertThat(redis.keys()).isEmpty();
  }
}
