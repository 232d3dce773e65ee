package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.handoff.HandoffStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Handed-off threads in Redis: one small string per thread
 * ({@code <prefix>{<conversation>}:handoff}, {@code <since millis>|<until millis>}) that expires
 * with the quiet time, so a thread whose people never said {@code resume} gets the bot back by
 * itself and nothing is left behind. {@link #find} is one {@code GET}; a turn reads the key inside
 * the script that takes its place in line instead ({@link RedisConversationLine}). Thread-safe; the
 * client is owned by the caller.
 */
public final class RedisHandoffStore implements HandoffStore {

  /** Begins unless a handoff is under way, and returns the one that holds: {@code {fresh, value}}. */
  private static final RedisScript BEGIN = new RedisScript("""
      if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
        return {1, ARGV[1]}
      end
      return {0, redis.call('GET', KEYS[1])}
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisHandoffStore(UnifiedJedis redis, String prefix) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
  }

  @Override
  public Optional<Handoff> find(ConversationKey key) {
    return Optional.ofNullable(redis.get(key(key))).map(RedisHandoffStore::parse);
  }

  @Override
  public Begun begin(ConversationKey key, Instant now, Duration quietFor) {
    long ttl = Math.max(1, quietFor.toMillis());
    String value = now.toEpochMilli() + "|" + now.plusMillis(ttl).toEpochMilli();
    List<?> reply = (List<?>) BEGIN.run(redis, List.of(key(key)), List.of(value, Long.toString(ttl)));
    boolean fresh = ((Long) reply.get(0)) == 1L;
    Object held = reply.size() > 1 ? reply.get(1) : null;
    // The key expired between SET and GET: nothing is under way any more, so this call's stands.
    if (held == null) return begin(key, now, quietFor);
    return new Begun(parse(held instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
        : held.toString()), fresh);
  }

  @Override
  public boolean end(ConversationKey key) {
    return redis.del(key(key)) > 0;
  }

  /** The thread's key, in the conversation's slot: the turn's first script reads it too. */
  String key(ConversationKey key) {
    return keys.conversation(key, "handoff");
  }

  boolean sameStore(UnifiedJedis client, String prefix) {
    return redis == client && keys.prefix().equals(prefix);
  }

  private static Handoff parse(String value) {
    int bar = value.indexOf('|');
    return new Handoff(Instant.ofEpochMilli(Long.parseLong(value.substring(0, bar))),
        Instant.ofEpochMilli(Long.parseLong(value.substring(bar + 1))));
  }
}
