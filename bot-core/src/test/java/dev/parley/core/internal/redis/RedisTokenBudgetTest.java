package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.engine.TokenBudget;
import dev.parley.core.internal.engine.TokenBudgetContractTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTokenBudgetTest extends TokenBudgetContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected TokenBudget budget(long dailyTokens) {
    return new RedisTokenBudget(redis.client(), redis.prefix(), dailyTokens, clock);
  }

  @Test
  void theCounterSitsInTheTenantsSlotAndExpiresAnHourAfterItsDay() {
    budget(1_000).spend(TEAM_THREAD, 42);

    String key = redis.prefix() + "{slack:T1}:tokens:2099-03-04";
    assertThat(redis.keys()).containsExactly(key);
    assertThat(redis.client().get(key)).isEqualTo("42");
    assertThat(redis.client().pexpireTime(key))
        .isEqualTo(Instant.parse("2099-03-05T01:00:00Z").toEpochMilli());
  }

  @Test
  void instancesShareTheCount() {
    budget(100).spend(TEAM_THREAD, 60);
    budget(100).spend(TEAM_OTHER_CHANNEL, 40);

    assertThat(budget(100).hasTokensLeft(TEAM_THREAD)).isFalse();
  }
}
