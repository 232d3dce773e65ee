package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.internal.status.StatusDeliveries;
import dev.parley.core.internal.status.StatusDeliveriesContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisStatusDeliveriesTest extends StatusDeliveriesContractTest {

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void deleteKeys() {
    redis.close();
  }

  @Override
  protected StatusDeliveries deliveries() {
    return new RedisStatusDeliveries(redis.client(), redis.prefix());
  }

  @Test
  void aPendingClaimExpiresAndADoneOneIsKeptForDays() {
    StatusDeliveries store = deliveries();
    var pending = store.claim("github:acme/support#7", "d-1:closed", "closed:completed:t1");

    assertThat(redis.keys()).hasSize(2).allSatisfy(key -> assertThat(redis.client().pttl(key))
        .isPositive().isLessThanOrEqualTo(StatusDeliveries.PENDING_TTL.toMillis()));

    store.confirm("github:acme/support#7", "d-1:closed", "closed:completed:t1", pending.token());

    assertThat(redis.keys()).hasSize(2).allSatisfy(key -> assertThat(redis.client().pttl(key))
        .isGreaterThan(StatusDeliveries.PENDING_TTL.toMillis()).isLessThanOrEqualTo(StatusDeliveries.DONE_TTL.toMillis()));
  }

  @Test
  void bothKeysOfAChangeShareTheIssuesSlot() {
    deliveries().claim("github:acme/support#7", "d-1:closed", "closed:completed:t1");

    assertThat(redis.keys()).allSatisfy(key -> assertThat(key).contains("{status:github:acme/support#7}"));
  }
}
