package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.engine.EventDeduplicator;
import dev.parley.core.internal.engine.EventDeduplicatorContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisEventDeduplicatorTest extends EventDeduplicatorContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected EventDeduplicator deduplicator() {
    return new RedisEventDeduplicator(redis.client(), redis.prefix());
  }

  @Test
  void anotherInstanceSeesTheEventAsKnown() {
    assertThat(deduplicator().firstSighting(SLACK, "Ev9")).isTrue();

    assertThat(deduplicator().firstSighting(SLACK, "Ev9")).isFalse();
  }

  @Test
  void idsAreKeptForAtLeastTenMinutes() {
    deduplicator().firstSighting(SLACK, "Ev1");

    assertThat(redis.keys()).hasSize(1);
    long ttl = redis.client().ttl(redis.keys().get(0));
    assertThat(ttl).isGreaterThanOrEqualTo(Duration.ofMinutes(10).toSeconds())
        .isLessThanOrEqualTo(EventDeduplicator.DEFAULT_TTL.toSeconds());
  }

  @Test
  void refusesATtlShorterThanSlacksRetryWindow() {
    assertThatThrownBy(() -> new RedisEventDeduplicator(redis.client(), redis.prefix(), Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
