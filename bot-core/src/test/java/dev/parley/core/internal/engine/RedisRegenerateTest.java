package dev.parley.core.internal.engine;

import dev.parley.core.internal.history.HistoryStore;
import dev.parley.core.internal.redis.RedisHistoryStore;
import dev.parley.core.internal.redis.TestRedis;
import dev.parley.core.testing.TestEngines;

/** Regenerate on the Redis stores: each engine is a separate instance, sharing only Redis. */
class RedisRegenerateTest extends RegenerateContractTest {
  private final TestRedis redis = new TestRedis();

  @Override
  void closeStore() {
    redis.close();
  }

  @Override
  ConversationEngineBuilder engineOnSharedStore(String groqBaseUrl) {
    return TestEngines.redisBuilder(groqBaseUrl, redis.client(), redis.prefix());
  }

  @Override
  HistoryStore history() {
    return new RedisHistoryStore(redis.client(), redis.prefix());
  }
}
