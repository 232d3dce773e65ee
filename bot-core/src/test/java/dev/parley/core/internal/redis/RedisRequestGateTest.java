package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.engine.InMemoryTokenBudget;
import dev.parley.core.internal.engine.RequestGate;
import dev.parley.core.internal.engine.RequestGateContractTest;
import dev.parley.core.internal.engine.TokenBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRequestGateTest extends RequestGateContractTest {
  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected RequestGate gate(TokenBudget budget) {
    return new RedisEventDeduplicator(redis.client(), redis.prefix())
        .gateWith(new RedisRequestLimiter(redis.client(), redis.prefix(), key -> LIMITS), budget);
  }

  @Override
  protected TokenBudget budget() {
    return new RedisTokenBudget(redis.client(), redis.prefix(), DAILY_TOKENS, clock);
  }

  @Test
  void redisStoresOnOneClientAndPrefixAreCheckedInOneScript() {
    assertThat(gate(TokenBudget.UNLIMITED)).isInstanceOf(RedisRequestGate.class);
    assertThat(gate(budget())).isInstanceOf(RedisRequestGate.class);
  }

  @Test
  void anyOtherMixIsAskedInTurn() {
    assertThat(gate(new InMemoryTokenBudget(DAILY_TOKENS, clock))).isNotInstanceOf(RedisRequestGate.class);
    RequestGate otherPrefix = new RedisEventDeduplicator(redis.client(), redis.prefix())
        .gateWith(new RedisRequestLimiter(redis.client(), redis.prefix() + "x:", key -> LIMITS), TokenBudget.UNLIMITED);
    assertThat(otherPrefix).isNotInstanceOf(RedisRequestGate.class);
  }

  @Test
  void everyKeyOfTheScriptIsInTheTenantsSlot() {
    TokenBudget budget = budget();
    budget.spend(A, 1);
    gate(budget).admit("E1", "U1", A);

    assertThat(redis.keys()).isNotEmpty().allSatisfy(key -> assertThat(key).startsWith(redis.prefix() + "{slack:T1}:"));
  }
}
