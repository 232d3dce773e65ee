package dev.parley.core.redis;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.HistoryStore;
import dev.parley.core.conversation.Turn;
import dev.parley.core.conversation.TurnJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * History in a Redis list per conversation ({@code <prefix>{<conversation>}:history}), one JSON
 * turn per element, oldest first. {@link #append} is one Lua script: push, trim to the newest
 * {@code maxTurns}, renew the TTL of the history and of the conversation's settings (which sit in
 * the same slot), so a conversation's choices live exactly as long as its history.
 * {@link #clear} deletes the history only: {@code /reset} forgets what was said, not the model
 * the conversation picked. Thread-safe; the client is owned by the caller.
 */
public final class RedisHistoryStore implements HistoryStore {

  public static final int DEFAULT_MAX_TURNS = 200;
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private static final RedisScript APPEND = new RedisScript("""
      redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      redis.call('PEXPIRE', KEYS[2], ARGV[2])
      return redis.call('LLEN', KEYS[1])
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final int maxTurns;
  private final Duration ttl;

  public RedisHistoryStore(UnifiedJedis redis, String prefix) {
    this(redis, prefix, DEFAULT_MAX_TURNS, DEFAULT_TTL);
  }

  /**
   * @param prefix prepended to every key, such as {@code parley:}
   * @param maxTurns the most turns kept per conversation; older ones are dropped first
   * @param ttl how long an untouched conversation is kept
   */
  public RedisHistoryStore(UnifiedJedis redis, String prefix, int maxTurns, Duration ttl) {
    if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be positive");
    if (ttl.toMillis() < 1) throw new IllegalArgumentException("ttl must be positive");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.maxTurns = maxTurns;
    this.ttl = ttl;
  }

  @Override
  public List<Turn> load(ConversationKey key) {
    return redis.lrange(historyKey(key), 0, -1).stream().map(TurnJson::decode).toList();
  }

  @Override
  public void append(ConversationKey key, List<Turn> turns) {
    if (turns.isEmpty()) return;
    List<String> args = new ArrayList<>(turns.size() + 2);
    args.add(Integer.toString(maxTurns));
    args.add(Long.toString(ttl.toMillis()));
    turns.forEach(turn -> args.add(TurnJson.encode(turn)));
    APPEND.run(redis, List.of(historyKey(key), RedisConversationSettingsStore.settingsKey(keys, key)), args);
  }

  @Override
  public void clear(ConversationKey key) {
    redis.del(historyKey(key));
  }

  String historyKey(ConversationKey key) {
    return keys.conversation(key, "history");
  }
}
