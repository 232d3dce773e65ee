package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.internal.tickets.TicketQuota;
import dev.parley.core.internal.tickets.TicketQuotaContractTest;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTicketQuotaTest extends TicketQuotaContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected TicketQuota quota(int cap, Clock clock) {
    return new RedisTicketQuota(redis.client(), redis.prefix(), cap, clock);
  }

  @Test
  void theCounterSitsInTheTenantsSlotAndExpires() {
    quota(2, Clock.fixed(LATE_EVENING, ZoneOffset.UTC)).tryTake("slack:T1", "U1");

    String counter = redis.prefix() + "{slack:T1}:tickets:daily:U1:2026-11-30";
    assertThat(redis.keys()).containsExactly(counter);
    assertThat(redis.client().ttl(counter)).isCloseTo(RedisTicketQuota.COUNTER_TTL.toSeconds(), within(10L));
  }
}
