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

  /**
   * Lua: {@code acquire(counters, a)} checks both counters, the user's then the conversation's, with
   * ARGV[a .. a+3] = userMax, userWindowMs, conversationMax, conversationWindowMs (a max of 0 is
   * unlimited). Nil when allowed (and then counted in both), else {1, pttl} when the user limit is
   * hit, {2, pttl} for the conversation's. Shared with {@link RedisRequestGate}.
   */
  static final String ACQUIRE_FUNCTION = """
      local function acquire(counters, a)
        for i = 1, 2 do
          local max = tonumber(ARGV[a + 2 * i - 2])
          if max > 0 and tonumber(redis.call('GET', counters[i]) or '0') >= max then
            local ttl = redis.call('PTTL', counters[i])
            if ttl < 0 then
              redis.call('PEXPIRE', counters[i], ARGV[a + 2 * i - 1])
              ttl = tonumber(ARGV[a + 2 * i - 1])
            end
            return {i, ttl}
          end
        end
        for i = 1, 2 do
          if tonumber(ARGV[a + 2 * i - 2]) > 0 and redis.call('INCR', counters[i]) == 1 then
            redis.call('PEXPIRE', counters[i], ARGV[a + 2 * i - 1])
          end
        end
        return nil
      end
      """;

  // Returns {0} when allowed, else what acquire returns.
  private static final RedisScript ACQUIRE = new RedisScript(
      ACQUIRE_FUNCTION + "return acquire({KEYS[1], KEYS[2]}, 1) or {0}\n");

  /**
   * Takes one back from both counters while their windows run ({@code DECR} keeps the TTL); a counter
   * that is gone or at zero stays so. Both in the tenant's slot, so it is one script.
   */
  private static final RedisScript GIVE_BACK = new RedisScript("""
      for i = 1, 2 do
        if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
      end
      return 1
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
    return decision((List<?>) ACQUIRE.run(redis, counters(userId, key), arguments(applied)));
  }

  @Override
  public void giveBack(String userId, ConversationKey key) {
    Objects.requireNonNull(userId, "userId");
    RequestLimits applied = limits.apply(key);
    if (applied.perUser().maxRequests() == 0 && applied.perConversation().maxRequests() == 0) return;
    GIVE_BACK.run(redis, counters(userId, key), List.of());
  }

  /** The two counters of a request, in the tenant's slot: the user's, then the conversation's. */
  List<String> counters(String userId, ConversationKey key) {
    String tenant = key.tenantScope();
    return List.of(
        keys.tagged(tenant, "limit:user:" + userId),
        keys.tagged(tenant, "limit:conversation:" + key.channel() + ":" + key.thread()));
  }

  RequestLimits limitsFor(ConversationKey key) {
    return limits.apply(key);
  }

  boolean sameStore(UnifiedJedis client, String prefix) {
    return redis == client && keys.prefix().equals(prefix);
  }

  /** The ARGV of {@link #ACQUIRE_FUNCTION} for {@code applied}. */
  static List<String> arguments(RequestLimits applied) {
    return List.of(Integer.toString(applied.perUser().maxRequests()), windowMs(applied.perUser()),
        Integer.toString(applied.perConversation().maxRequests()), windowMs(applied.perConversation()));
  }

  /** Reads {0} (allowed), {1, pttl} or {2, pttl}. */
  static Decision decision(List<?> reply) {
    long outcome = (Long) reply.get(0);
    if (outcome == 0) return Decision.ALLOWED;
    return Decision.denied(outcome == 1 ? "user" : "conversation", Duration.ofMillis((Long) reply.get(1)));
  }

  /** {@code PEXPIRE 0} would delete the counter, so a sub-millisecond window counts as one. */
  private static String windowMs(RequestLimit limit) {
    return Long.toString(Math.max(1, limit.window().toMillis()));
  }
}
