package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.testing.FakeGroq;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.FakeSlackMessage;
import dev.parley.slack.e2e.SlackEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Slack through the built jar, against the fake Slack and the fake Groq. */
class SlackThroughTheJarIT {
  private static final String CHANNEL = "C0GENERAL";
  private static final String USER = "U0ADA";
  private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void aMentionIsAnsweredOverSocketMode() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
            "SLACK_API_URL", slack.apiUrl()))) {
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/readyz") == 200);
      String ts = slack.nextTs();

      slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention(CHANNEL, USER, "hello from the jar", ts, null)), 0);

      await().atMost(Duration.ofSeconds(30)).until(() -> answers(slack, ts).stream()
          .anyMatch(m -> m.visibleText().contains("echo: hello from the jar")));
      assertThat(parley.stderr()).doesNotContain(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN);
    }
  }

  @Test
  void sigtermDuringASlowAnswerLeavesTheRestartNoticeInSlack() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless().echoChunkDelay(Duration.ofMillis(400));
        FakeSlack slack = FakeSlack.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
            "SLACK_API_URL", slack.apiUrl(), "PARLEY_SHUTDOWN_GRACE", "1s"))) {
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/readyz") == 200);
      String ts = slack.nextTs();
      slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention(CHANNEL, USER,
          "tell me a long story about graceful shutdowns in chat bots", ts, null)), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> answers(slack, ts).stream()
          .anyMatch(m -> m.visibleText().contains("echo")));

      Instant sigterm = Instant.now();
      parley.terminate();
      parley.awaitExit(Duration.ofSeconds(20));

      assertThat(Duration.between(sigterm, Instant.now())).isLessThan(Duration.ofSeconds(1 + 10));
      assertThat(answers(slack, ts)).anySatisfy(m -> assertThat(m.visibleText()).contains("restarting"));
      assertThat(answers(slack, ts).stream().map(FakeSlackMessage::visibleText))
          .noneMatch(text -> text.contains("chat bots"));
    }
  }

  @Test
  void twoJarsSharingRedisAnswerTheSameEventOnce() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    int portA = ParleyProcess.freePort();
    int portB = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        ParleyProcess a = ParleyProcess.start(httpModeEnv(groq, slack, prefix, portA));
        ParleyProcess b = ParleyProcess.start(httpModeEnv(groq, slack, prefix, portB))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(portA, "/readyz") == 200 && status(portB, "/readyz") == 200);
      String ts = slack.nextTs();
      var mention = SlackEvents.mention(CHANNEL, USER, "only once, please", ts, null);
      slack.rememberUserMessage(mention);
      String body = SlackEvents.callback(mention).toString();

      assertThat(postEvent(portA, body)).isEqualTo(200);
      assertThat(postEvent(portB, body)).isEqualTo(200);

      await().atMost(Duration.ofSeconds(30)).until(() -> answers(slack, ts).stream()
          .anyMatch(m -> m.visibleText().contains("echo: only once, please")));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
          .until(() -> answers(slack, ts).size() == 1 && groq.completionCalls() == 1);
    } finally {
      TestRedis.deleteKeys(6379, prefix);
    }
  }

  private static Map<String, String> httpModeEnv(FakeGroq groq, FakeSlack slack, String prefix, int port) {
    Map<String, String> env = new HashMap<>(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
        "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_API_URL", slack.apiUrl(),
        "REDIS_URL", "redis://127.0.0.1:6379/0", "PARLEY_REDIS_PREFIX", prefix));
    return env;
  }

  private static List<FakeSlackMessage> answers(FakeSlack slack, String threadTs) {
    return slack.botMessages(CHANNEL, threadTs);
  }

  /** Posts {@code body} to {@code /slack/events}, signed as Slack signs it. */
  private int postEvent(int port, String body) throws Exception {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "v0=" + HexFormat.of().formatHex(
        mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/slack/events")
        .header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      return response.code();
    }
  }

  private int status(int port, String path) {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }
}
