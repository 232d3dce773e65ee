package dev.parley.core.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryHistoryStoreTest extends HistoryStoreContractTest {

  @Override
  protected HistoryStore store(HistoryLimits limits) {
    return new InMemoryHistoryStore(limits, Duration.ofDays(7), Clock.systemUTC());
  }

  @Test
  void forgetsAConversationLeftIdleLongerThanTheTtl() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    HistoryStore store = new InMemoryHistoryStore(10, Duration.ofHours(1), clock);
    store.append(THREAD, List.of(user("old")));

    clock.now = clock.now.plus(Duration.ofMinutes(59));
    store.append(THREAD, List.of(user("renewed")));
    clock.now = clock.now.plus(Duration.ofMinutes(59));
    assertThat(store.load(THREAD)).extracting(Turn::content).containsExactly("old", "renewed");

    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(store.load(THREAD)).isEmpty();
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
