package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.RequestGate;
import dev.parley.core.internal.engine.RequestLimiter;
import dev.parley.core.internal.engine.RequestLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * A request's checks in one script, in the order {@link RequestGate#inTurn} asks them: the event's
 * first sighting ({@code SET NX EX}), both request limits (the script of
 * {@link RedisRequestLimiter}), and whether the tenant has tokens left today. Every key is in the
 * tenant's slot ({@code <prefix>{<platform>:<tenant>}:...}), so the script runs on Redis Cluster.
 * Built by {@link RedisEventDeduplicator#gateWith}. Thread-safe.
 */
final class RedisRequestGate implements RequestGate {

  // KEYS: seen, user counter, conversation counter, today's tokens. ARGV: the id's TTL in seconds
  // ('' without an id), the four limit arguments, the daily tokens (0 for no budget).
  // Returns {-1} for a duplicate, {1 or 2, pttl} for a limit, else {0, 1 if tokens are left}.
  // SET NX answers a nil bulk reply when the key exists, which a script sees as false. On a cluster
  // every key of one script must hash to one slot, or the server answers CROSSSLOT
  // (https://redis.io/docs/latest/develop/reference/errors/common/crossslot/): hence the tenant tag.

  private static final RedisScript ADMIT = new RedisScript(RedisRequestLimiter.ACQUIRE_FUNCTION + """
      if ARGV[1] ~= '' and not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return {-1} end
      local denied = acquire({KEYS[2], KEYS[3]}, 2)
      if denied then return denied end
      local daily = tonumber(ARGV[6])
      if daily > 0 and tonumber(redis.call('GET', KEYS[4]) or '0') >= daily then return {0, 0} end
      return {0, 1}
      """);

  private final UnifiedJedis redis;
  private final RedisEventDeduplicator events;
  private final RedisRequestLimiter limiter;
  private final RedisTokenBudget budget;

  /** @param budget the tenants' token budget, or null for none */
  RedisRequestGate(UnifiedJedis redis, RedisEventDeduplicator events, RedisRequestLimiter limiter,
      RedisTokenBudget budget) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.events = Objects.requireNonNull(events, "events");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.budget = budget;
  }

  @Override
  public Verdict admit(String eventId, String userId, ConversationKey key) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(key, "key");
    List<String> keys = new ArrayList<>(4);
    keys.add(events.seenKey(key, eventId));
    keys.addAll(limiter.counters(userId, key));
    keys.add(budget == null ? keys.get(0) : budget.todaysCounter(key).get(0));
    RequestLimits applied = limiter.limitsFor(key);
    List<String> args = new ArrayList<>(6);
    args.add(eventId == null ? "" : Long.toString(events.ttl().toSeconds()));
    args.addAll(RedisRequestLimiter.arguments(applied));
    args.add(Long.toString(budget == null ? 0 : budget.dailyTokens()));
    List<?> reply = (List<?>) ADMIT.run(redis, keys, args);
    long outcome = (Long) reply.get(0);
    if (outcome < 0) return Verdict.DUPLICATE;
    if (outcome > 0) return new Verdict(false, RedisRequestLimiter.decision(reply), true);
    return new Verdict(false, RequestLimiter.Decision.ALLOWED, (Long) reply.get(1) == 1);
  }
}
