package dev.parley.core.internal.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link TicketQuota} must do, run against each implementation. */
public abstract class TicketQuotaContractTest {

  /** 23:00 UTC: one hour before the day's counts start afresh. */
  protected static final Instant LATE_EVENING = Instant.parse("2026-11-30T23:00:00Z");

  /** A quota of {@code cap} per day whose clock is {@code clock}; for a shared quota, a new instance over the same data. */
  protected abstract TicketQuota quota(int cap, Clock clock);

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void aUserGetsTheCapAndNotOneMoreThatDay() {
    TicketQuota quota = quota(3, at(LATE_EVENING));

    assertThat(quota.tryTake("slack:T1", "U1")).isTrue();
    assertThat(quota.tryTake("slack:T1", "U1")).isTrue();
    assertThat(quota(3, at(LATE_EVENING)).tryTake("slack:T1", "U1")).isTrue();
    assertThat(quota.tryTake("slack:T1", "U1")).isFalse();
    assertThat(quota.tryTake("slack:T1", "U1")).isFalse();
    assertThat(quota.dailyCap()).isEqualTo(3);
  }

  @Test
  void otherUsersAndTheSameUserIdInAnotherTenantHaveTheirOwnCount() {
    TicketQuota quota = quota(1, at(LATE_EVENING));

    assertThat(quota.tryTake("slack:T1", "U1")).isTrue();
    assertThat(quota.tryTake("slack:T1", "U2")).isTrue();
    assertThat(quota.tryTake("slack:T2", "U1")).isTrue();
    assertThat(quota.tryTake("slack:T1", "U1")).isFalse();
  }

  @Test
  void theCountStartsAfreshAtMidnightUtc() {
    assertThat(quota(1, at(LATE_EVENING)).tryTake("discord:G1", "U1")).isTrue();
    assertThat(quota(1, at(LATE_EVENING.plus(Duration.ofMinutes(59)))).tryTake("discord:G1", "U1")).isFalse();

    assertThat(quota(1, at(LATE_EVENING.plus(Duration.ofHours(1)))).tryTake("discord:G1", "U1")).isTrue();
  }

  @Test
  void zeroMeansNoCap() {
    TicketQuota quota = quota(0, at(LATE_EVENING));

    for (int i = 0; i < 50; i++) assertThat(quota.tryTake("slack:T1", "U1")).isTrue();
  }

  @Test
  void concurrentTicketsNeverPassTheCap() throws Exception {
    List<TicketQuota> instances = List.of(quota(5, at(LATE_EVENING)), quota(5, at(LATE_EVENING)));
    List<Callable<Boolean>> takes = IntStream.range(0, 20)
        .<Callable<Boolean>>mapToObj(i -> () -> instances.get(i % 2).tryTake("slack:T1", "U1"))
        .toList();
    int granted = 0;
    try (var executor = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> take : executor.invokeAll(takes)) granted += take.get() ? 1 : 0;
    }

    assertThat(granted).isEqualTo(5);
  }
}
