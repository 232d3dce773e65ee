package dev.parley.core.internal.redis;

import dev.parley.core.internal.status.StatusDeliveries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link StatusDeliveries} in Redis, shared by every instance. Each claim is one Lua script over
 * the change's key and the delivery's key, both in the slot of the issue
 * ({@code <prefix>{status:github:owner/repo#7}:change:…}), so two instances that receive the
 * same change at once cannot both claim it. A pending key holds the claimer's random token; a
 * done key holds {@code done}. The claim script answers 0 (claimed), 1 (pending elsewhere) or 2 (done). Thread-safe; the client is owned by the caller.
 */
public final class RedisStatusDeliveries implements StatusDeliveries {

  private static final RedisScript CLAIM = new RedisScript("""
      for i, key in ipairs(KEYS) do
        local known = redis.call('GET', key)
        if known then
          if known == 'done' then return 2 end
          return 1
        end
      end
      for i, key in ipairs(KEYS) do
        redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
      end
      return 0
      """);
  /** Sets every key still holding the token to ARGV[2] for ARGV[3] ms, or deletes it when ARGV[2] is empty. */
  private static final RedisScript SETTLE = new RedisScript("""
      for i, key in ipairs(KEYS) do
        if redis.call('GET', key) == ARGV[1] then
          if ARGV[2] == '' then
            redis.call('DEL', key)
          else
            redis.call('SET', key, ARGV[2], 'PX', ARGV[3])
          end
        end
      end
      return 1
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisStatusDeliveries(UnifiedJedis redis, String prefix) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
  }

  @Override
  public Claim claim(String scope, String deliveryKey, String changeKey) {
    String token = UUID.randomUUID().toString();
    long answer = CLAIM.runForLong(redis, keys(scope, deliveryKey, changeKey),
        List.of(token, Long.toString(PENDING_TTL.toMillis())));
    return switch ((int) answer) {
      case 0 -> new Claim(State.CLAIMED, token);
      case 2 -> new Claim(State.DONE, null);
      default -> new Claim(State.IN_PROGRESS, null);
    };
  }

  @Override
  public void confirm(String scope, String deliveryKey, String changeKey, String token) {
    SETTLE.run(redis, keys(scope, deliveryKey, changeKey), List.of(token, "done", Long.toString(DONE_TTL.toMillis())));
  }

  @Override
  public void release(String scope, String deliveryKey, String changeKey, String token) {
    SETTLE.run(redis, keys(scope, deliveryKey, changeKey), List.of(token, "", "0"));
  }

  private List<String> keys(String scope, String deliveryKey, String changeKey) {
    List<String> names = new ArrayList<>(2);
    names.add(keys.tagged("status:" + scope, "change:" + changeKey));
    if (deliveryKey != null) names.add(keys.tagged("status:" + scope, "delivery:" + deliveryKey));
    return names;
  }
}
