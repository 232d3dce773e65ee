package dev.parley.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.tickets.TicketIds;
import dev.parley.core.tickets.TicketStore;
import dev.parley.core.tickets.TicketStoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTicketStoreTest extends TicketStoreContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected TicketStore store() {
    return new RedisTicketStore(redis.client(), redis.prefix(), new TicketIds("SUP"));
  }

  @Test
  void ticketsNeverExpireWhileIdempotencyMappingsDo() {
    store().create(printerBroken(), "call_1");

    String tag = redis.prefix() + "{tickets}:";
    assertThat(redis.keys()).containsExactlyInAnyOrder(tag + "counter", tag + "all", tag + "by-key:call_1");
    assertThat(redis.client().ttl(tag + "all")).isEqualTo(-1);
    assertThat(redis.client().ttl(tag + "by-key:call_1"))
        .isCloseTo(RedisTicketStore.IDEMPOTENCY_TTL.toSeconds(), org.assertj.core.api.Assertions.within(10L));
  }
}
