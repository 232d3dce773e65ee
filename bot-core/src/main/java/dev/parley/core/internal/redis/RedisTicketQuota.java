package dev.parley.core.internal.redis;

import dev.parley.core.internal.tickets.TicketQuota;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * The daily ticket cap shared by every instance: one counter per tenant, user and UTC day
 * ({@code <prefix>{<platform>:<tenant>}:tickets:daily:<user>:<yyyy-mm-dd>}, in the tenant's slot),
 * checked and counted by one script so concurrent tickets never pass the cap. A counter expires
 * two days after its first ticket, well after its day is over. Thread-safe; the client is owned
 * by the caller.
 */
public final class RedisTicketQuota implements TicketQuota {

  static final Duration COUNTER_TTL = Duration.ofDays(2);

  // KEYS: the counter. ARGV: cap, ttl ms. Returns 1 when counted, 0 when the cap is reached.
  private static final RedisScript TAKE = new RedisScript("""
      local used = tonumber(redis.call('GET', KEYS[1]) or '0')
      if used >= tonumber(ARGV[1]) then
        return 0
      end
      if redis.call('INCR', KEYS[1]) == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 1
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final int dailyCap;
  private final Clock clock;

  /** @param dailyCap tickets per user, tenant and UTC day; 0 means no cap */
  public RedisTicketQuota(UnifiedJedis redis, String prefix, int dailyCap, Clock clock) {
    if (dailyCap < 0) throw new IllegalArgumentException("dailyCap must not be negative");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.dailyCap = dailyCap;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean tryTake(String tenantScope, String userId) {
    Objects.requireNonNull(tenantScope, "tenantScope");
    Objects.requireNonNull(userId, "userId");
    if (dailyCap == 0) return true;
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    String counter = keys.tagged(tenantScope, "tickets:daily:" + userId + ":" + today);
    return TAKE.runForLong(redis, List.of(counter),
        List.of(Integer.toString(dailyCap), Long.toString(COUNTER_TTL.toMillis()))) == 1;
  }

  @Override
  public int dailyCap() {
    return dailyCap;
  }
}
