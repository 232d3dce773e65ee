package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.internal.engine.ConversationSettingsStore;
import dev.parley.core.internal.engine.ConversationSettingsStoreContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisConversationSettingsStoreTest extends ConversationSettingsStoreContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected ConversationSettingsStore store() {
    return new RedisConversationSettingsStore(redis.client(), redis.prefix(), Duration.ofDays(7));
  }

  @Test
  void settingsExpireWithTheConversationsTtlAndSurviveANewInstance() {
    store().setModel(THREAD, "m");

    String key = redis.prefix() + "{discord:G1:C1:T1}:settings";
    assertThat(redis.keys()).containsExactly(key);
    assertThat(redis.client().pttl(key)).isCloseTo(Duration.ofDays(7).toMillis(), within(5_000L));
    assertThat(store().model(THREAD)).contains("m");
  }
}
