package dev.parley.core.internal.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class InMemoryHandoffStoreTest extends HandoffStoreContractTest {
  private final InMemoryHandoffStore shared = new InMemoryHandoffStore();

  @Override
  protected HandoffStore store() {
    return shared;
  }

  @Test
  void theQuietEndsByItselfWhenItsTimeHasPassed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    InMemoryHandoffStore store = new InMemoryHandoffStore(clock);
    ConversationKey key = conversation();
    store.begin(key, clock.instant(), Duration.ofMinutes(30));

    clock.now = clock.now.plus(Duration.ofMinutes(29));
    assertThat(store.find(key)).isPresent();
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(store.find(key)).isEmpty();
    assertThat(store.begin(key, clock.instant(), Duration.ofMinutes(30)).fresh()).isTrue();
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
