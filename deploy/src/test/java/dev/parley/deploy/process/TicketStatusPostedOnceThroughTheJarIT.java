package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.internal.status.Payloads;
import dev.parley.core.internal.status.WebhookSignatures;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.trackers.FakeGitHub;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.SlackEvents;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Issue 12's "a status change posted back once, with two instances and a redelivered webhook",
 * through two built jars that share Redis, one fake Slack (Socket Mode, the real Bolt client) and
 * one fake GitHub: a mention files a GitHub issue, GitHub's signed {@code issues closed} webhook
 * then reaches both jars at once, is redelivered, and comes again from a second hook, and the
 * thread gets exactly one {@code chat.postMessage} about it. {@code GITHUB_REPO} is written in
 * other capitals than the name GitHub's webhook gives, as operators do.
 */
class TicketStatusPostedOnceThroughTheJarIT {
  private static final String CHANNEL = "C0SUPPORT";
  private static final String USER = "U0ADA";
  private static final String REPO = "acme/support";
  private static final String WEBHOOK_SECRET = "gh-hook-TOPSECRET-3b9e1f";
  private static final String CREATE = """
      {"title":"VPN drops every hour","description":"Summary: Ada's VPN drops hourly since Monday.","priority":"high"}""";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

  @Test
  void aClosedIssueDeliveredToTwoInstancesAndRedeliveredIsPostedInItsThreadOnce() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    int firstPort = ParleyProcess.freePort();
    int secondPort = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        FakeGitHub github = new FakeGitHub(REPO, Clock.systemUTC());
        ParleyProcess first = ParleyProcess.start(env(groq, slack, github, prefix, firstPort));
        ParleyProcess second = ParleyProcess.start(env(groq, slack, github, prefix, secondPort))) {
      await().atMost(Duration.ofSeconds(90)).until(() -> slack.socket().connections() >= 2
          && status(firstPort) == 200 && status(secondPort) == 200);

      String thread = slack.nextTs();
      groq.enqueueToolCall("call_0", "create_ticket", CREATE).enqueueAnswer("Filed it as SUP-1.");
      slack.socket().sendEvent(
          SlackEvents.callback(SlackEvents.mention(CHANNEL, USER, "@Parley ticket this", thread, null)), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> github.issues().size() == 1
          && slack.botMessages(CHANNEL, thread).stream().anyMatch(m -> m.visibleText().contains("Filed it")));
      int postsBefore = slack.calls("chat.postMessage").size();

      github.close(1, "grace");
      byte[] closed = closedWebhook(github.issues().get(0));
      Headers delivery = signed("3f1a2b4c-aa10-11ef-8e6a-8a2d7c5e9b01", closed);
      // The same delivery reaches both instances while the first one's post is on its way, as
      // behind a load balancer that retried on the other replica: Slack holds the post until the
      // second instance has answered.
      CountDownLatch slackAnswers = slack.hold("chat.postMessage");
      CompletableFuture<Answer> toFirst = CompletableFuture.supplyAsync(() -> deliver(firstPort, delivery, closed));
      await().atMost(Duration.ofSeconds(10)).until(() -> !statusKeys(prefix).isEmpty());
      assertThat(deliver(secondPort, delivery, closed)).as("the second instance, while the first posts")
          .isEqualTo(new Answer(503, "being posted"));
      slackAnswers.countDown();
      assertThat(toFirst.join()).as("the first instance").isEqualTo(new Answer(200, "posted"));

      // The redelivery an operator asks for on github.com, to each instance, and a second hook on
      // the organisation: a different delivery of the same change.
      assertThat(deliver(firstPort, delivery, closed)).isEqualTo(new Answer(200, "already_posted"));
      assertThat(deliver(secondPort, delivery, closed)).isEqualTo(new Answer(200, "already_posted"));
      assertThat(deliver(secondPort, signed("7c0d9e8f-aa10-11ef-9b3e-1f2a3b4c5d6e", closed), closed))
          .isEqualTo(new Answer(200, "already_posted"));

      List<FakeSlack.ApiCall> posts = slack.calls("chat.postMessage");
      List<FakeSlack.ApiCall> statusPosts = posts.subList(postsBefore, posts.size());
      assertThat(statusPosts).as("every chat.postMessage after the webhooks").hasSize(1);
      FakeSlack.ApiCall post = statusPosts.get(0);
      assertThat(post.ok()).isTrue();
      assertThat(post.param("channel")).isEqualTo(CHANNEL);
      assertThat(post.param("thread_ts")).isEqualTo(thread);
      assertThat(post.param("text")).contains("SUP-1").contains(REPO + "#1").contains("closed")
          .contains("https://github.com/" + REPO + "/issues/1")
          .doesNotContain("<!").doesNotContain("<@").doesNotContain("@here").doesNotContain("@channel");
      assertThat(first.stderr() + second.stderr()).doesNotContain("TOPSECRET").doesNotContain(FakeGitHub.TOKEN);
      slack.assertNoUnexpectedErrors();
    } finally {
      TestRedis.deleteKeys(6379, prefix);
    }
  }

  /**
   * GitHub's {@code issues} {@code closed} payload (the recorded one in bot-core's test
   * resources) about the issue the fake GitHub holds: its number, links and times.
   */
  private static byte[] closedWebhook(JsonNode issue) throws IOException {
    ObjectNode payload = (ObjectNode) JSON.readTree(Payloads.bytes("github-issues-closed.json"));
    ObjectNode hooked = (ObjectNode) payload.get("issue");
    int number = issue.get("number").asInt();
    hooked.put("number", number).put("title", issue.get("title").asText()).put("body", issue.get("body").asText())
        .put("html_url", "https://github.com/" + REPO + "/issues/" + number)
        .put("url", "https://api.github.com/repos/" + REPO + "/issues/" + number)
        .put("updated_at", issue.get("updated_at").asText()).put("closed_at", issue.get("updated_at").asText());
    return JSON.writeValueAsBytes(payload);
  }

  /** The status delivery keys the instances wrote in Redis, claims and posts alike. */
  private static Set<String> statusKeys(String prefix) {
    try (RedisClient client = RedisClient.create("127.0.0.1", 6379)) {
      Set<String> keys = new HashSet<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "{status:*").count(1_000));
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return keys;
    }
  }

  /** The headers GitHub sends with a delivery (docs.github.com, "Webhook events and payloads"). */
  private static Headers signed(String deliveryId, byte[] body) {
    return new Headers.Builder().add("X-GitHub-Event", "issues").add("X-GitHub-Delivery", deliveryId)
        .add("X-GitHub-Hook-ID", "500012345")
        .add("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(WEBHOOK_SECRET, body))
        .add("User-Agent", "GitHub-Hookshot/f2b1a0c").build();
  }

  private record Answer(int code, String body) {}

  private Answer deliver(int port, Headers headers, byte[] body) {
    Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/webhooks/github").headers(headers)
        .post(RequestBody.create(body, JSON_TYPE)).build();
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new IllegalStateException("delivery to port " + port + " failed", e);
    }
  }

  private static Map<String, String> env(FakeGroq groq, FakeSlack slack, FakeGitHub github, String prefix, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("GROQ_BASE_URL", groq.baseUrl());
    env.put("PORT", Integer.toString(port));
    env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
    env.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("REDIS_URL", "redis://127.0.0.1:6379/0");
    env.put("PARLEY_REDIS_PREFIX", prefix);
    env.put("PARLEY_TICKETS", "github");
    env.put("GITHUB_TOKEN", FakeGitHub.TOKEN);
    // In other capitals than GitHub's own: GitHub accepts any, and its webhooks still find the ticket.
    env.put("GITHUB_REPO", "Acme/Support");
    env.put("GITHUB_API_URL", github.apiUrl().toString());
    env.put("GITHUB_WEBHOOK_SECRET", WEBHOOK_SECRET);
    return env;
  }

  private int status(int port) {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/readyz").build())
        .execute()) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }
}
