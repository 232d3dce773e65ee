package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.internal.history.HistoryLimits;
import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.history.HistoryStoreContractTest;
import dev.parley.core.internal.history.Turn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisHistoryStoreTest extends HistoryStoreContractTest {

  private static final Duration TTL = Duration.ofHours(2);

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected HistoryStore store(HistoryLimits limits) {
    return new RedisHistoryStore(redis.client(), redis.prefix(), limits, TTL);
  }

  @Test
  void keyCarriesTheConversationAsAHashTag() {
    store(10).append(THREAD, List.of(user("x")));

    assertThat(redis.keys()).containsExactly(redis.prefix() + "{slack:T1:C1:123.45}:history");
  }

  @Test
  void appendSetsAndRenewsTheTtl() {
    RedisHistoryStore store = (RedisHistoryStore) store(10);
    String key = store.historyKey(THREAD);
    store.append(THREAD, List.of(user("a")));
    assertThat(redis.client().pttl(key)).isCloseTo(TTL.toMillis(), within(5_000L));

    redis.client().pexpire(key, 60_000);
    store.append(THREAD, List.of(user("b")));

    assertThat(redis.client().pttl(key)).isCloseTo(TTL.toMillis(), within(5_000L));
  }

  @Test
  void appendRenewsTheConversationSettingsToo() {
    RedisConversationSettingsStore settings =
        new RedisConversationSettingsStore(redis.client(), redis.prefix(), Duration.ofMinutes(1));
    settings.setModel(THREAD, "llama-3.3-70b-versatile");
    store(10).append(THREAD, List.of(user("a")));

    String settingsKey = redis.prefix() + "{slack:T1:C1:123.45}:settings";
    assertThat(redis.client().pttl(settingsKey)).isCloseTo(TTL.toMillis(), within(5_000L));
  }

  @Test
  void theGenerationIsSharedByStoresOnOneRedisLikeInstancesAre() {
    HistoryStore first = store(10);
    HistoryStore second = store(10);
    long before = first.generation(THREAD);

    second.clear(THREAD);

    assertThat(first.append(THREAD, before, List.of(user("late")))).isFalse();
    assertThat(redis.client().pttl(redis.prefix() + "{slack:T1:C1:123.45}:generation")).isPositive();
  }

  @Test
  void historySurvivesANewStoreInstance() {
    store(10).append(THREAD, List.of(user("remembered")));

    assertThat(store(10).load(THREAD)).extracting(Turn::content).containsExactly("remembered");
  }

  @Test
  void clearKeepsTheConversationsModelChoice() {
    RedisConversationSettingsStore settings = new RedisConversationSettingsStore(redis.client(), redis.prefix());
    settings.setModel(THREAD, "qwen/qwen3-32b");
    HistoryStore store = store(10);
    store.append(THREAD, List.of(user("a")));

    store.clear(THREAD);

    assertThat(store.load(THREAD)).isEmpty();
    assertThat(settings.model(THREAD)).contains("qwen/qwen3-32b");
  }
}
