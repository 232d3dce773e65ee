package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.engine.RequestLimiter;
import dev.parley.core.internal.engine.RequestLimiterContractTest;
import dev.parley.core.internal.engine.RequestLimits;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRequestLimiterTest extends RequestLimiterContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected RequestLimiter limiter(Function<ConversationKey, RequestLimits> limits) {
    return new RedisRequestLimiter(redis.client(), redis.prefix(), limits);
  }

  @Test
  void instancesShareCountersThatExpireWithTheirWindow() {
    Function<ConversationKey, RequestLimits> limits =
        key -> new RequestLimits(new RequestLimit(1, Duration.ofMinutes(1)), new RequestLimit(5, Duration.ofHours(1)));
    ConversationKey key = new ConversationKey("discord", "G1", "C1", "T1");

    assertThat(limiter(limits).tryAcquire("U1", key).allowed()).isTrue();
    assertThat(limiter(limits).tryAcquire("U1", key).allowed()).isFalse();

    String tag = redis.prefix() + "{discord:G1}:";
    assertThat(redis.keys()).containsExactlyInAnyOrder(tag + "limit:user:U1", tag + "limit:conversation:C1:T1");
    assertThat(redis.client().pttl(tag + "limit:user:U1")).isBetween(1L, 60_000L);
    assertThat(redis.client().pttl(tag + "limit:conversation:C1:T1")).isBetween(60_001L, 3_600_000L);
  }
}
