package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.StreamCheckpoint;
import dev.parley.core.api.StreamCheckpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Stream checkpoints in a Redis hash per conversation ({@code <prefix>{<conversation>}:stream}),
 * in the conversation's hash slot like its history. A save is one script that returns the hash it
 * replaces, so an answer's first save is also its look for a stream left open. Each save renews
 * the TTL: a checkpoint matters only until the conversation's next answer finds it, and one that
 * nobody finds (no further question) needs no cleanup, since the platform ends an abandoned
 * stream itself.
 * Thread-safe; the client is owned by the caller.
 */
public final class RedisStreamCheckpoints implements StreamCheckpoints {
  /** Long enough for the conversation's next question to find a dead instance's stream. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(1);

  /** Replaces the hash and returns the one it replaced ({@code HGETALL}'s field-value list). */
  private static final RedisScript SAVE = new RedisScript("""
      local replaced = redis.call('HGETALL', KEYS[1])
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'channel', ARGV[1], 'message', ARGV[2], 'offset', ARGV[3],
          'streamed', ARGV[4], 'control', ARGV[5], 'started', ARGV[6])
      redis.call('PEXPIRE', KEYS[1], ARGV[7])
      return replaced
      """);
  private static final RedisScript CLEAR = new RedisScript("""
      if redis.call('HGET', KEYS[1], 'message') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Duration ttl;

  public RedisStreamCheckpoints(UnifiedJedis redis, String prefix) {
    this(redis, prefix, DEFAULT_TTL);
  }

  public RedisStreamCheckpoints(UnifiedJedis redis, String prefix, Duration ttl) {
    if (ttl.toMillis() < 1) throw new IllegalArgumentException("ttl must be positive");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.ttl = ttl;
  }

  @Override
  public Optional<StreamCheckpoint> save(ConversationKey key, StreamCheckpoint checkpoint) {
    List<?> replaced = (List<?>) SAVE.run(redis, List.of(streamKey(key)), List.of(checkpoint.channel(), checkpoint.messageId(),
        Integer.toString(checkpoint.offset()), Integer.toString(checkpoint.streamed()),
        checkpoint.controlMessageId() == null ? "" : checkpoint.controlMessageId(),
        Long.toString(checkpoint.startedAt().toEpochMilli()), Long.toString(ttl.toMillis())));
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < replaced.size(); i += 2) fields.put(text(replaced.get(i)), text(replaced.get(i + 1)));
    return checkpoint(fields);
  }

  @Override
  public Optional<StreamCheckpoint> load(ConversationKey key) {
    return checkpoint(redis.hgetAll(streamKey(key)));
  }

  private static Optional<StreamCheckpoint> checkpoint(Map<String, String> fields) {
    if (fields.isEmpty()) return Optional.empty();
    String control = fields.get("control");
    return Optional.of(new StreamCheckpoint(fields.get("channel"), fields.get("message"),
        Integer.parseInt(fields.get("offset")), Integer.parseInt(fields.get("streamed")),
        control == null || control.isEmpty() ? null : control,
        Instant.ofEpochMilli(Long.parseLong(fields.get("started")))));
  }

  @Override
  public void clear(ConversationKey key, String messageId) {
    CLEAR.run(redis, List.of(streamKey(key)), List.of(messageId));
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) reply;
  }

  private String streamKey(ConversationKey key) {
    return keys.conversation(key, "stream");
  }
}
