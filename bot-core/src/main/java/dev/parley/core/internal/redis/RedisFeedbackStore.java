package dev.parley.core.internal.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.FeedbackStore;
import dev.parley.core.internal.json.PooledJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Feedback in one Redis hash per conversation ({@code <prefix>{<conversation>}:feedback}), one
 * field per reply and user, so a changed vote replaces the old one. Kept longer than history
 * (default 90 days): feedback is read when reviewing answers, after the conversation went idle.
 */
public final class RedisFeedbackStore implements FeedbackStore {
  public static final Duration DEFAULT_TTL = Duration.ofDays(90);
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final RedisScript RECORD = new RedisScript("""
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return redis.call('PEXPIRE', KEYS[1], ARGV[3])
      """);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Duration ttl;

  public RedisFeedbackStore(UnifiedJedis redis, String prefix) {
    this(redis, prefix, DEFAULT_TTL);
  }

  public RedisFeedbackStore(UnifiedJedis redis, String prefix, Duration ttl) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new RedisKeys(prefix);
    this.ttl = ttl;
  }

  @Override
  public void record(Feedback feedback) {
    String value = JSON.createObjectNode()
        .put("reply", feedback.replyId()).put("user", feedback.userId())
        .put("positive", feedback.positive()).put("at", feedback.at().toString()).toString();
    RECORD.run(redis, List.of(keys.conversation(feedback.conversation(), "feedback")),
        List.of(feedback.replyId() + "|" + feedback.userId(), value, Long.toString(ttl.toMillis())));
  }

  @Override
  public List<Feedback> list(ConversationKey conversation) {
    List<Feedback> votes = new ArrayList<>();
    for (Map.Entry<String, String> entry : redis.hgetAll(keys.conversation(conversation, "feedback")).entrySet()) {
      try {
        JsonNode node = JSON.readTree(entry.getValue());
        votes.add(new Feedback(conversation, node.path("reply").asText(), node.path("user").asText(),
            node.path("positive").asBoolean(), Instant.parse(node.path("at").asText())));
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable feedback in " + conversation, e);
      }
    }
    return votes;
  }
}
