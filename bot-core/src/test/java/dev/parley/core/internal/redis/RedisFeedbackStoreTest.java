package dev.parley.core.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.internal.engine.FeedbackStore.Feedback;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisFeedbackStoreTest {
  private final TestRedis redis = new TestRedis();
  private final ConversationKey key = new ConversationKey("slack", "T1", "C1", "1700000000.000100");
  private final Instant at = Instant.parse("2026-11-25T10:00:00Z");

  @AfterEach
  void clean() {
    redis.close();
  }

  @Test
  void aUsersLatestVoteOnAReplyWinsAndVotesSurviveANewStoreWithATtl() {
    RedisFeedbackStore store = new RedisFeedbackStore(redis.client(), redis.prefix());
    store.record(new Feedback(key, "1700000001.000200", "U1", true, at));
    store.record(new Feedback(key, "1700000001.000200", "U1", false, at.plusSeconds(5)));
    store.record(new Feedback(key, "1700000001.000200", "U2", true, at));
    store.record(new Feedback(new ConversationKey("slack", "T2", "C1", "1700000000.000100"), "r", "U1", true, at));

    var votes = new RedisFeedbackStore(redis.client(), redis.prefix()).list(key);

    assertThat(votes).containsExactlyInAnyOrder(
        new Feedback(key, "1700000001.000200", "U1", false, at.plusSeconds(5)),
        new Feedback(key, "1700000001.000200", "U2", true, at));
    String hash = redis.prefix() + "{" + key.asString() + "}:feedback";
    assertThat(redis.client().pttl(hash)).isGreaterThan(Duration.ofDays(89).toMillis());
  }
}
