package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.RequestLimit;
import dev.parley.core.internal.engine.RequestLimiter;
import dev.parley.core.internal.engine.RequestLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fixed-window limits shared by every bot instance. One Lua script checks both counters and
 * counts the request only if both allow it: a denied request consumes neither window, so a user
 * turned away by a busy conversation keeps their own budget, and a limited user does not eat the
 * conversation's. A window starts at its first request ({@code INCR}, then {@code PEXPIRE} on the
 * first) and the denial's {@code retryAfter} is the window's remaining {@code PTTL}.
 *
 * <p>Both counters live in the tenant's slot ({@code <prefix>{<platform>:<tenant>}:limit:...})
 * because a user's counter spans every conversation of the tenant, while one script must see
 * both. Thread-safe; the client is owned by the caller.
 */
public final class RedisRequestLimiter implements RequestLimiter {

  // ARGV: userMax, userWindowMs, conversationMax, conversationWindowMs; a max of 0 is unlimited.
  // Returns {0} when allowed, {1, pttl} when the user limit is hit, {2, pttl} for the conversation.
  private static final RedisScript ACQUIRE = new RedisScript("""
      for i = 1, 2 do
        local max = tonumber(ARGV[2 * i - 1])
        if max > 0 and tonumber(redis.call('GET', KEYS[i]) or '0') >= max then
          local ttl = redis.call('PTTL', KEYS[i])
          if ttl < 0 then
            redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
            ttl = tonumber(ARGV[2 * i])
          end
          return {i, ttl}
        end
      end
      for i = 1, 2 do
        if tonumber(ARGV[2 * i - 1]) > 0 and redis.call('INCR', KEYS[i]) == 1 then
          redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
        end
      end
      return {0}
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Function<ConversationKey, RequestLimits> limits;

  /** @param limits the limits of each conversation's channel; called once per request */
  public RedisRequestLimiter(UnifiedJedis redis, String prefix, Function<ConversationKey, RequestLimits> limits) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public Decision tryAcquire(String userId, ConversationKey key) {
    Objects.requireNonNull(userId, "userId");
    RequestLimits applied = limits.apply(key);
    if (applied.perUser().maxRequests() == 0 && applied.perConversation().maxRequests() == 0) {
      return Decision.ALLOWED;
    }
    String tenant = key.tenantScope();
    List<String> counters = List.of(
        keys.tagged(tenant, "limit:user:" + userId),
        keys.tagged(tenant, "limit:conversation:" + key.channel() + ":" + key.thread()));
    List<?> result = (List<?>) ACQUIRE.run(redis, counters, List.of(
        Integer.toString(applied.perUser().maxRequests()), windowMs(applied.perUser()),
        Integer.toString(applied.perConversation().maxRequests()), windowMs(applied.perConversation())));
    long outcome = (Long) result.get(0);
    if (outcome == 0) return Decision.ALLOWED;
    Duration retryAfter = Duration.ofMillis((Long) result.get(1));
    return Decision.denied(outcome == 1 ? "user" : "conversation", retryAfter);
  }

  /** {@code PEXPIRE 0} would delete the counter, so a sub-millisecond window counts as one. */
  private static String windowMs(RequestLimit limit) {
    return Long.toString(Math.max(1, limit.window().toMillis()));
  }
}
