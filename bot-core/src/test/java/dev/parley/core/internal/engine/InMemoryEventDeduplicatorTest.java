package dev.parley.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryEventDeduplicatorTest extends EventDeduplicatorContractTest {

  private final InMemoryEventDeduplicator shared = new InMemoryEventDeduplicator();

  @Override
  protected EventDeduplicator deduplicator() {
    return shared;
  }

  @Test
  void anIdIsNewAgainAfterTheTtl() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
    EventDeduplicator dedup = new InMemoryEventDeduplicator(Duration.ofMinutes(15), new Clock() {
      @Override public Instant instant() { return clock[0].instant(); }
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    });
    assertThat(dedup.firstSighting(SLACK, "Ev1")).isTrue();

    clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(14)), ZoneOffset.UTC);
    assertThat(dedup.firstSighting(SLACK, "Ev1")).isFalse();

    clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(16)), ZoneOffset.UTC);
    assertThat(dedup.firstSighting(SLACK, "Ev1")).isTrue();
  }
}
