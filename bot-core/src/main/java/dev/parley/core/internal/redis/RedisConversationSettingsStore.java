package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.ConversationSettingsStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Conversation settings in a Redis hash per conversation
 * ({@code <prefix>{<conversation>}:settings}, field {@code model}). Each write renews the TTL,
 * and {@link RedisHistoryStore} renews it on every append, so settings expire with an idle
 * conversation. Thread-safe; the client is owned by the caller.
 */
public final class RedisConversationSettingsStore implements ConversationSettingsStore {

  private static final RedisScript SET_MODEL = new RedisScript("""
      redis.call('HSET', KEYS[1], 'model', ARGV[1])
      return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Duration ttl;

  public RedisConversationSettingsStore(UnifiedJedis redis, String prefix) {
    this(redis, prefix, RedisHistoryStore.DEFAULT_TTL);
  }

  /** @param ttl how long untouched settings are kept; use the history store's TTL */
  public RedisConversationSettingsStore(UnifiedJedis redis, String prefix, Duration ttl) {
    if (ttl.toMillis() < 1) throw new IllegalArgumentException("ttl must be positive");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.ttl = ttl;
  }

  @Override
  public Optional<String> model(ConversationKey key) {
    return Optional.ofNullable(redis.hget(settingsKey(keys, key), "model"));
  }

  @Override
  public void setModel(ConversationKey key, String model) {
    String settings = settingsKey(keys, key);
    if (model == null) {
      redis.hdel(settings, "model");
    } else {
      SET_MODEL.run(redis, List.of(settings), List.of(model, Long.toString(ttl.toMillis())));
    }
  }

  boolean sameStore(UnifiedJedis client, String prefix) {
    return redis == client && keys.prefix().equals(prefix);
  }

  static String settingsKey(RedisKeys keys, ConversationKey key) {
    return keys.conversation(key, "settings");
  }
}
