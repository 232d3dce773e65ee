package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.testing.TestEngines;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The bot restarts between two messages of a thread; the history lives in Redis. */
class RestartWithRedisTest extends SlackBotTestBase {
  private final String prefix = "parley-test:" + UUID.randomUUID() + ":";
  private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);

  @AfterEach
  void deleteKeys() {
    stopBot();
    Set<String> keys = redis.keys(prefix + "*");
    if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
    redis.close();
  }

  @Test
  void followUpAfterARestartStillCarriesTheFirstExchange() throws Exception {
    startBot(socketSettings(), TestEngines.redisBuilder(groq.baseUrl(), redis, prefix));
    Sent first = mention("C0GENERAL", "my order number is 4711", null);
    assertThat(awaitAnswerText("C0GENERAL", first.ts())).isEqualTo("echo: my order number is 4711");
    nextGroqRequest();

    stopBot();
    startBot(socketSettings(), TestEngines.redisBuilder(groq.baseUrl(), redis, prefix));
    channelMessage("C0GENERAL", "what was my order number?", first.ts());

    assertThat(contents(nextGroqRequest())).containsSubsequence(
        "my order number is 4711", "echo: my order number is 4711", "what was my order number?");
    assertThat(slack.calls("conversations.replies")).isNotEmpty()
        .allSatisfy(c -> assertThat(c.param("ts")).isEqualTo(first.ts()));
    assertThat(slack.socket().connections()).isGreaterThanOrEqualTo(2);
    await().atMost(ANSWER_TIMEOUT).until(() -> slack.botMessages("C0GENERAL", first.ts()).size() == 2
        && slack.botMessages("C0GENERAL", first.ts()).get(1).buttons().contains("parley_feedback_up"));
  }
}
