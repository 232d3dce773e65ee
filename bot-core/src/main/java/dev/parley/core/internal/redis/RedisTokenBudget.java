package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.TokenBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Daily token counts shared by every bot instance: one counter per tenant and UTC day,
 * {@code <prefix>{<platform>:<tenant>}:tokens:<yyyy-mm-dd>}, in the tenant's slot like its request
 * limits. Spending is one script ({@code INCRBY}, then {@code PEXPIREAT} an hour after the day
 * ends), so a counter never lives without an expiry, and the hour covers replicas whose clocks
 * disagree a little about midnight. Thread-safe; the client is owned by the caller.
 */
public final class RedisTokenBudget implements TokenBudget {

  static final Duration SLACK_AFTER_MIDNIGHT = Duration.ofHours(1);

  static final RedisScript SPEND = new RedisScript("""
      local n = redis.call('INCRBY', KEYS[1], ARGV[1])
      redis.call('PEXPIREAT', KEYS[1], ARGV[2])
      return n
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final long dailyTokens;
  private final Clock clock;

  /** @param dailyTokens the allowance per tenant and day; must be positive */
  public RedisTokenBudget(UnifiedJedis redis, String prefix, long dailyTokens, Clock clock) {
    if (dailyTokens < 1) throw new IllegalArgumentException("dailyTokens must be positive");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.dailyTokens = dailyTokens;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean hasTokensLeft(ConversationKey key) {
    String used = redis.get(counterKey(key, today()));
    return used == null || Long.parseLong(used) < dailyTokens;
  }

  @Override
  public void spend(ConversationKey key, long tokens) {
    if (tokens < 0) throw new IllegalArgumentException("tokens must not be negative");
    LocalDate today = today();
    SPEND.run(redis, List.of(counterKey(key, today)), spendArguments(today, tokens));
  }

  /** Today's counter of the tenant of {@code key}, as {@link RedisRequestGate} checks it. */
  List<String> todaysCounter(ConversationKey key) {
    return List.of(counterKey(key, today()));
  }

  /** The KEYS and ARGV of {@link #SPEND} that count {@code tokens} for the tenant of {@code key} today. */
  Spending spending(ConversationKey key, long tokens) {
    LocalDate today = today();
    return new Spending(List.of(counterKey(key, today)), spendArguments(today, tokens));
  }

  record Spending(List<String> keys, List<String> args) {}

  private static List<String> spendArguments(LocalDate today, long tokens) {
    long expiresAt = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(SLACK_AFTER_MIDNIGHT).toEpochMilli();
    return List.of(Long.toString(tokens), Long.toString(expiresAt));
  }

  boolean sameStore(UnifiedJedis client, String prefix) {
    return redis == client && keys.prefix().equals(prefix);
  }

  @Override
  public long dailyTokens() {
    return dailyTokens;
  }

  String counterKey(ConversationKey key, LocalDate day) {
    return keys.tagged(key.tenantScope(), "tokens:" + day);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
