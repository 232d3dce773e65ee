package dev.parley.core.internal.redis;

import dev.parley.core.internal.engine.EventDeduplicator;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Records event ids with {@code SET <prefix>{event:<platform>:<id>}:seen 1 NX EX <ttl>}: the one
 * caller whose {@code SET} creates the key sees the event first, on any instance. Thread-safe;
 * the client is owned by the caller.
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
  public boolean firstSighting(String platform, String eventId) {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(eventId, "eventId");
    String key = keys.tagged("event:" + platform + ":" + eventId, "seen");
    return "OK".equals(redis.set(key, "1", SetParams.setParams().nx().ex(ttl.toSeconds())));
  }
}
