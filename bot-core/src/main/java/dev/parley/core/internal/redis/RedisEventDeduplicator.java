package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.EventDeduplicator;
import dev.parley.core.internal.engine.RequestGate;
import dev.parley.core.internal.engine.RequestLimiter;
import dev.parley.core.internal.engine.TokenBudget;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Records event ids with {@code SET <prefix>{<platform>:<tenant>}:event:<id>:seen 1 NX EX <ttl>}:
 * the one caller whose {@code SET} creates the key sees the event first, on any instance. The id
 * lives in its tenant's slot, beside the tenant's request limits and token counts, so that
 * {@link #gateWith} checks all of them in one script, also on Redis Cluster. Thread-safe; the
 * client is owned by the caller.
 */
public final class RedisEventDeduplicator implements EventDeduplicator {

  /** Slack retries for about five minutes; anything shorter than twice that lets retries through. */
  public static final Duration MIN_TTL = Duration.ofMinutes(10);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Duration ttl;

  public RedisEventDeduplicator(UnifiedJedis redis, String prefix) {
    this(redis, prefix, DEFAULT_TTL);
  }

  public RedisEventDeduplicator(UnifiedJedis redis, String prefix, Duration ttl) {
    if (ttl.compareTo(MIN_TTL) < 0) throw new IllegalArgumentException("ttl must be at least " + MIN_TTL);
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.ttl = ttl;
  }

  @Override
  public boolean firstSighting(ConversationKey key, String eventId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eventId, "eventId");
    return "OK".equals(redis.set(seenKey(key, eventId), "1", SetParams.setParams().nx().ex(ttl.toSeconds())));
  }

  /**
   * One script for the event, the limits and the budget when they are all Redis stores on this
   * client and prefix (as deploy wires them); otherwise each is asked in turn.
   */
  @Override
  public RequestGate gateWith(RequestLimiter limiter, TokenBudget budget) {
    boolean budgetHere = budget == TokenBudget.UNLIMITED
        || budget instanceof RedisTokenBudget redisBudget && redisBudget.sameStore(redis, keys.prefix());
    if (limiter instanceof RedisRequestLimiter redisLimiter && redisLimiter.sameStore(redis, keys.prefix()) && budgetHere) {
      return new RedisRequestGate(redis, this, redisLimiter, budget instanceof RedisTokenBudget b ? b : null);
    }
    return EventDeduplicator.super.gateWith(limiter, budget);
  }

  /** The id's key; a request without an id gets one in the same slot that is never written. */
  String seenKey(ConversationKey key, String eventId) {
    return keys.tagged(key.tenantScope(), "event:" + (eventId == null ? "" : eventId) + ":seen");
  }

  Duration ttl() {
    return ttl;
  }
}
