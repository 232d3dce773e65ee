package dev.parley.core.internal.tickets;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The daily ticket cap kept in this process, with the Redis quota's rules. Thread-safe. */
public final class InMemoryTicketQuota implements TicketQuota {

  private final int dailyCap;
  private final Clock clock;
  private final Map<String, Integer> counts = new HashMap<>();
  private LocalDate countedDay;

  /** @param dailyCap tickets per user, tenant and UTC day; 0 means no cap */
  public InMemoryTicketQuota(int dailyCap, Clock clock) {
    if (dailyCap < 0) throw new IllegalArgumentException("dailyCap must not be negative");
    this.dailyCap = dailyCap;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized boolean tryTake(String tenantScope, String userId) {
    Objects.requireNonNull(tenantScope, "tenantScope");
    Objects.requireNonNull(userId, "userId");
    if (dailyCap == 0) return true;
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (!today.equals(countedDay)) {
      // A new day starts every count afresh, and keeps the map as small as one day's users.
      counts.clear();
      countedDay = today;
    }
    String counter = tenantScope + "|" + userId;
    int used = counts.getOrDefault(counter, 0);
    if (used >= dailyCap) return false;
    counts.put(counter, used + 1);
    return true;
  }

  @Override
  public int dailyCap() {
    return dailyCap;
  }
}
