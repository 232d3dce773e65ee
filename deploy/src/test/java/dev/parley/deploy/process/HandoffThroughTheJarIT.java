package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.testing.FakeGroq;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.FakeSlackMessage;
import dev.parley.slack.e2e.SlackEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * Handoff through the built jar: the channel file's {@code handoff:} reaches the engine, the
 * button and the Slack poster are wired, and the one ping goes to the configured group alone.
 */
class HandoffThroughTheJarIT {
  private static final String SUPPORT = "C0SUPPORT";
  private static final String USER = "U0ADA";
  private static final Pattern PINGS = Pattern.compile("<[!@#][^>]*>|(?<![\\w@])@(channel|here|everyone)\\b");

  @TempDir Path dir;

  /**
   * In memory, and on the shared Redis: there the quiet check rides in the script that takes a
   * turn's place in line, and what was said meanwhile lands in the conversation's history.
   */
  @ParameterizedTest(name = "on Redis: {0}")
  @ValueSource(booleans = {false, true})
  void theButtonPingsOnlyTheConfiguredGroupAndTheThreadStaysQuietUntilResume(boolean onRedis) throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    Map<String, String> env = new HashMap<>();
    if (onRedis) {
      env.put("REDIS_URL", "redis://127.0.0.1:6379/0");
      env.put("PARLEY_REDIS_PREFIX", prefix);
    }
    try {
      run(env);
      if (onRedis) assertThat(keptHistory(prefix)).anyMatch(turn -> turn.contains("anyone there?"));
    } finally {
      if (onRedis) TestRedis.deleteKeys(6379, prefix);
    }
  }

  /** Every stored turn under {@code prefix}, as JSON. */
  private static List<String> keptHistory(String prefix) {
    try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
      return redis.keys(prefix + "*:history").stream().flatMap(key -> redis.lrange(key, 0, -1).stream()).toList();
    }
  }

  private void run(Map<String, String> redisEnv) throws Exception {
    Path config = dir.resolve("parley.yml");
    Files.writeString(config, """
        channels:
          C0SUPPORT:
            support_channel: true
            handoff:
              on_call_group: S0123ONCALL
              quiet_for: 1h
        """);
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        ParleyProcess parley = ParleyProcess.start(environment(redisEnv, Map.of("GROQ_BASE_URL", groq.baseUrl(),
            "PORT", Integer.toString(ParleyProcess.freePort()), "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
            "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
            "PARLEY_CONFIG", config.toString())))) {
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      String ts = slack.nextTs();
      var question = SlackEvents.channelMessage(SUPPORT, USER, "my deploy is stuck", ts, null);
      slack.rememberUserMessage(question);
      slack.socket().sendEvent(SlackEvents.callback(question), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> answers(slack, ts).stream()
          .anyMatch(m -> m.buttons().contains("parley_handoff")));
      FakeSlackMessage answer = answers(slack, ts).stream().filter(m -> m.buttons().contains("parley_handoff"))
          .findFirst().orElseThrow();

      slack.socket().sendInteractive(SlackEvents.buttonClick(SUPPORT, "U0BOB", answer.ts(), "parley_handoff",
          answer.buttonValue("parley_handoff")));

      await().atMost(Duration.ofSeconds(30)).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
      List<String> pings = slack.calls().stream().filter(call -> call.method().startsWith("chat."))
          .flatMap(call -> call.params().values().stream())
          .flatMap(value -> PINGS.matcher(value).results().map(MatchResult::group)).toList();
      assertThat(pings).containsExactly("<!subteam^S0123ONCALL>");

      int answered = groq.completionCalls();
      var waiting = SlackEvents.mention(SUPPORT, USER, "anyone there?", slack.nextTs(), ts);
      slack.rememberUserMessage(waiting);
      String envelope = slack.socket().sendEvent(SlackEvents.callback(waiting), 0);
      slack.socket().awaitAck(envelope, Duration.ofSeconds(3));
      int shown = answers(slack, ts).size();
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
          .until(() -> answers(slack, ts).size() == shown && groq.completionCalls() == answered);

      var resume = SlackEvents.mention(SUPPORT, USER, "resume", slack.nextTs(), ts);
      slack.rememberUserMessage(resume);
      slack.socket().sendEvent(SlackEvents.callback(resume), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> answers(slack, ts).stream()
          .anyMatch(m -> m.visibleText().contains("I'm back")));
      assertThat(parley.stderr()).doesNotContain(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN);
    }
  }

  private static Map<String, String> environment(Map<String, String> more, Map<String, String> base) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  private static List<FakeSlackMessage> answers(FakeSlack slack, String threadTs) {
    return slack.botMessages(SUPPORT, threadTs);
  }
}
