package dev.parley.core.internal.redis;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.StreamCheckpoint;
import dev.parley.core.api.StreamCheckpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Stream checkpoints in a Redis hash per conversation ({@code <prefix>{<conversation>}:stream}),
 * in the conversation's hash slot like its history. Each save renews the TTL: a checkpoint
 * matters only until the conversation's next answer finds it, and one that nobody finds (no
 * further question) needs no cleanup, since the platform ends an abandoned stream itself.
 * Thread-safe; the client is owned by the caller.
 */
public final class RedisStreamCheckpoints implements StreamCheckpoints {
  /** Long enough for the conversation's next question to find a dead instance's stream. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(1);

  private static final RedisScript SAVE = new RedisScript("""
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'channel', ARGV[1], 'message', ARGV[2], 'offset', ARGV[3],
          'streamed', ARGV[4], 'control', ARGV[5], 'started', ARGV[6])
      return redis.call('PEXPIRE', KEYS[1], ARGV[7])
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
  public void save(ConversationKey key, StreamCheckpoint checkpoint) {
    SAVE.run(redis, List.of(streamKey(key)), List.of(checkpoint.channel(), checkpoint.messageId(),
        Integer.toString(checkpoint.offset()), Integer.toString(checkpoint.streamed()),
        checkpoint.controlMessageId() == null ? "" : checkpoint.controlMessageId(),
        Long.toString(checkpoint.startedAt().toEpochMilli()), Long.toString(ttl.toMillis())));
  }

  @Override
  public Optional<StreamCheckpoint> load(ConversationKey key) {
    Map<String, String> fields = redis.hgetAll(streamKey(key));
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

  private String streamKey(ConversationKey key) {
    return keys.conversation(key, "stream");
  }
}
