package dev.parley.core.internal.tickets;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

class InMemoryTicketQuotaTest extends TicketQuotaContractTest {

  // One quota over one count, whose clock each test moves, like instances sharing a Redis.
  private final AtomicReference<Instant> now = new AtomicReference<>(LATE_EVENING);
  private InMemoryTicketQuota shared;

  @Override
  protected TicketQuota quota(int cap, Clock clock) {
    now.set(clock.instant());
    if (shared == null || shared.dailyCap() != cap) {
      shared = new InMemoryTicketQuota(cap, new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return Clock.fixed(now.get(), zone);
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      });
    }
    return shared;
  }
}
