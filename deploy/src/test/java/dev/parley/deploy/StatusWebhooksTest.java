package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.api.ConversationKey;
import dev.parley.core.api.ThreadPoster;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.status.Payloads;
import dev.parley.core.internal.status.WebhookSignatures;
import dev.parley.core.internal.tickets.TicketOrigins;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.MapTicketOrigins;
import dev.parley.core.testing.StatusPostRecorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The status endpoints on the running ops server of two application instances that share one
 * Redis, as behind a load balancer: trackers' real payloads, signed as they sign them, delivered
 * twice and to both instances, reach the ticket's thread once.
 */
class StatusWebhooksTest {
  private static final String GITHUB_SECRET = "gh-secret-0123456789abcdef";
  private static final String JIRA_SECRET = "jira-secret-0123456789abcdef";
  private static final String GENERIC_SECRET = "generic-secret-0123456789abcdef";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ConversationKey THREAD = new ConversationKey("slack", "T1", "C1", "1732791000.000100");
  private static final ConversationKey DISCORD_THREAD = new ConversationKey("discord", "42", "77", "88");

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(15)).build();
  private final String prefix = "parley-test:" + UUID.randomUUID() + ":";
  private final MapTicketOrigins origins = new MapTicketOrigins()
      .with("github", "acme/support#7", ticket("SUP-3", THREAD))
      .with("jira", "SUP-12", ticket("SUP-4", DISCORD_THREAD))
      .with("webhook", "HD-42", ticket("SUP-5", THREAD));
  private final StatusPostRecorder poster = new StatusPostRecorder();
  private final List<ParleyApplication> apps = new ArrayList<>();
  private FakeGroq groq;

  @BeforeEach
  void startGroq() {
    groq = FakeGroq.startKeyless();
  }

  @AfterEach
  void stopEverything() throws Exception {
    apps.forEach(ParleyApplication::stop);
    groq.close();
    try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
        if (!page.getResult().isEmpty()) redis.del(page.getResult().toArray(String[]::new));
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }

  @Test
  void aGitHubChangeDeliveredTwiceToBothInstancesIsPostedOnce() throws Exception {
    int first = start(secrets()).port();
    int second = start(secrets()).port();
    byte[] body = Payloads.bytes("github-issues-closed.json");
    Headers headers = github("issues", "72d3162e-cc78-11e3-81ab-4c9367dc0958", body);

    List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
    try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int port : new int[] {first, second, first, second}) {
        deliveries.add(CompletableFuture.supplyAsync(() -> status(port, "/webhooks/github", headers, body), senders));
      }
    }

    assertThat(deliveries).allSatisfy(d -> assertThat(d.get()).isIn(200, 503));
    assertThat(poster.awaitPosts(1)).singleElement().satisfies(post -> {
      assertThat(post.conversation()).isEqualTo(THREAD);
      assertThat(post.text()).isEqualTo("Ticket SUP-3 (acme/support#7) was closed (completed) by octocat "
          + "https://github.com/acme/support/issues/7");
    });
    // A redelivery from GitHub's UI, to either instance, is known.
    try (Response again = post(second, "/webhooks/github", headers, body)) {
      assertThat(again.code()).isEqualTo(200);
      assertThat(again.body().string()).isEqualTo("already_posted");
    }
    assertThat(poster.posts()).hasSize(1);
  }

  @Test
  void aJiraUpdateAndComment() throws Exception {
    int port = start(secrets()).port();
    byte[] update = Payloads.bytes("jira-issue_updated-assigned-in-progress.json");
    byte[] comment = Payloads.bytes("jira-comment_created.json");

    assertThat(status(port, "/webhooks/jira", jira("a1b2c3d4-0001", update), update)).isEqualTo(200);
    assertThat(status(port, "/webhooks/jira", jira("a1b2c3d4-0002", comment), comment)).isEqualTo(200);
    assertThat(status(port, "/webhooks/jira", jira("a1b2c3d4-0002", comment), comment)).as("Jira's retry").isEqualTo(200);

    assertThat(poster.posts()).extracting(StatusPostRecorder.Post::text).containsExactly(
        "Ticket SUP-4 (SUP-12) was assigned to Grace Hopper by Grace Hopper https://acme.atlassian.net/browse/SUP-12",
        "Ticket SUP-4 (SUP-12) moved to In Progress by Grace Hopper https://acme.atlassian.net/browse/SUP-12",
        "Ticket SUP-4 (SUP-12) has a new comment by Grace Hopper: \u201CReplaced the router firmware, @\u200Dhere please "
            + "retry. [~accountid:5b10ac8d82e05b22cc7d4ef5] will watch it.\u201D https://acme.atlassian.net/browse/SUP-12");
    assertThat(poster.posts()).allSatisfy(p -> assertThat(p.conversation()).isEqualTo(DISCORD_THREAD));
  }

  @Test
  void theGenericWebhookWithParleysSignature() throws Exception {
    int port = start(secrets()).port();
    byte[] body = """
        {"delivery_id":"g-1","ticket":"HD-42","event":"status_changed","status":"Waiting on customer",
         "actor":"Ada","url":"https://helpdesk.example/t/42","occurred_at":"2026-11-30T09:00:00Z"}
        """.getBytes(StandardCharsets.UTF_8);

    assertThat(status(port, "/webhooks/tickets", generic(Instant.now(), body), body)).isEqualTo(200);
    assertThat(status(port, "/webhooks/tickets", generic(Instant.now().minusSeconds(301), body), body))
        .as("stale").isEqualTo(401);

    assertThat(poster.posts()).extracting(StatusPostRecorder.Post::text).containsExactly(
        "Ticket SUP-5 (HD-42) moved to Waiting on customer by Ada https://helpdesk.example/t/42");
  }

  @Test
  void aSignedBodyThatIsNotTheTrackersJsonGets400() throws Exception {
    int port = start(secrets()).port();
    byte[] notJson = "ticket=HD-42&event=closed".getBytes(StandardCharsets.UTF_8);
    byte[] noTicket = "{\"event\":\"closed\"}".getBytes(StandardCharsets.UTF_8);
    byte[] badId = "{\"ticket\":\"HD-{42}\",\"event\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

    for (byte[] body : List.of(notJson, noTicket, badId)) {
      assertThat(status(port, "/webhooks/tickets", generic(Instant.now(), body), body))
          .as(new String(body, StandardCharsets.UTF_8)).isEqualTo(400);
    }
    assertThat(poster.attempts()).isZero();
  }

  @Test
  void anIssueParleyDidNotMakeAndAnEventItDoesNotReadAreAcknowledgedAndIgnored() throws Exception {
    int port = start(secrets()).port();
    byte[] other = new String(Payloads.bytes("github-issues-closed.json"), StandardCharsets.UTF_8)
        .replace("\"number\": 7", "\"number\": 8").getBytes(StandardCharsets.UTF_8);
    byte[] ping = Payloads.bytes("github-ping.json");

    try (Response unknown = post(port, "/webhooks/github", github("issues", "d-8", other), other)) {
      assertThat(unknown.code()).isEqualTo(200);
      assertThat(unknown.body().string()).isEqualTo("ignored");
    }
    assertThat(status(port, "/webhooks/github", github("ping", "d-9", ping), ping)).isEqualTo(200);
    assertThat(poster.attempts()).isZero();
  }

  @Test
  void aBadOrMissingSignatureGets401WithNoDetail() throws Exception {
    int port = start(secrets()).port();
    byte[] body = Payloads.bytes("github-issues-closed.json");
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("octocat", "mallory")
        .getBytes(StandardCharsets.UTF_8);

    try (Response response = post(port, "/webhooks/github", github("issues", "d-1", body), tampered)) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.body().string()).isEmpty();
    }
    Headers unsigned = new Headers.Builder().add("X-GitHub-Event", "issues").build();
    assertThat(status(port, "/webhooks/github", unsigned, body)).isEqualTo(401);
    byte[] jiraBody = Payloads.bytes("jira-issue_updated-done.json");
    Headers signedForGitHub = new Headers.Builder()
        .add("X-Hub-Signature", "sha256=" + WebhookSignatures.hmacHex(GITHUB_SECRET, jiraBody)).build();
    assertThat(status(port, "/webhooks/jira", signedForGitHub, jiraBody)).as("another tracker's secret").isEqualTo(401);
    assertThat(poster.attempts()).isZero();
    try (Response metrics = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/metrics").build())
        .execute()) {
      assertThat(metrics.body().string()).contains(
          "parley_status_webhooks_total{application=\"parley\",outcome=\"unauthorized\",tracker=\"github\"} 2.0");
    }
  }

  @Test
  void aFailedPostAnswers503SoTheRedeliveryPostsIt() throws Exception {
    int port = start(secrets()).port();
    byte[] body = Payloads.bytes("jira-issue_updated-done.json");
    poster.refuseNext(3);

    try (Response failed = post(port, "/webhooks/jira", jira("j-1", body), body)) {
      assertThat(failed.code()).isEqualTo(503);
      assertThat(failed.header("Retry-After")).isEqualTo(StatusWebhookRoute.RETRY_AFTER_SECONDS);
    }
    assertThat(poster.posts()).isEmpty();

    assertThat(status(port, "/webhooks/jira", jira("j-1", body), body)).as("Jira's retry").isEqualTo(200);
    assertThat(poster.posts()).hasSize(1);
  }

  @Test
  void anEndpointWithoutASecretIsNotThereAndTheOthersTakeOnlyBoundedPosts() throws Exception {
    int port = start(Map.of("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET)).port();
    byte[] body = Payloads.bytes("jira-issue_updated-done.json");
    byte[] huge = new byte[(int) StatusWebhooks.MAX_BODY + 1];

    assertThat(status(port, "/webhooks/jira", jira("j-1", body), body)).isEqualTo(404);
    assertThat(status(port, "/webhooks/tickets", generic(Instant.now(), body), body)).isEqualTo(404);
    assertThat(status(port, "/webhooks/github", github("issues", "d-1", huge), huge)).isEqualTo(413);
    try (Response get = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/webhooks/github").build())
        .execute()) {
      assertThat(get.code()).isEqualTo(405);
    }
  }

  private ParleyApplication start(Map<String, String> secrets) {
    Map<String, String> env = new HashMap<>(secrets);
    env.putAll(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", "0", "REDIS_URL", "redis://127.0.0.1:6379",
        "PARLEY_REDIS_PREFIX", prefix, "PARLEY_SHUTDOWN_GRACE", "1s"));
    StatusTargets targets = new StatusTargets() {
      @Override
      public TicketOrigins origins(Stores stores) {
        return origins;
      }

      @Override
      public ThreadPoster poster(List<PlatformRunner> platforms) {
        return poster;
      }
    };
    ParleyApplication app = ParleyApplication.start(ParleyConfig.load(env), (c, ops) -> List.of(), targets);
    apps.add(app);
    return app;
  }

  private static Map<String, String> secrets() {
    return Map.of("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET, "JIRA_WEBHOOK_SECRET", JIRA_SECRET,
        "TICKET_WEBHOOK_SECRET", GENERIC_SECRET);
  }

  private static Ticket ticket(String id, ConversationKey conversation) {
    return new Ticket(id, "title", "", "normal", "open", "U1", "Ada", conversation, null, Instant.EPOCH);
  }

  /** What GitHub sends (docs.github.com, "Webhook events and payloads", delivery headers). */
  private static Headers github(String event, String delivery, byte[] body) {
    return new Headers.Builder().add("X-GitHub-Event", event).add("X-GitHub-Delivery", delivery)
        .add("X-GitHub-Hook-ID", "509876543").add("User-Agent", "GitHub-Hookshot/044aadd")
        .add("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex(GITHUB_SECRET, body)).build();
  }

  /** What a Jira Cloud admin webhook with a secret sends (developer.atlassian.com, "Webhooks"). */
  private static Headers jira(String identifier, byte[] body) {
    return new Headers.Builder().add("X-Atlassian-Webhook-Identifier", identifier)
        .add("X-Atlassian-Webhook-Flow", "Primary")
        .add("X-Hub-Signature", "sha256=" + WebhookSignatures.hmacHex(JIRA_SECRET, body)).build();
  }

  private static Headers generic(Instant at, byte[] body) {
    String timestamp = Long.toString(at.getEpochSecond());
    byte[] signed = (timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    return new Headers.Builder().add("X-Parley-Timestamp", timestamp)
        .add("X-Parley-Signature", "v1=" + WebhookSignatures.hmacHex(GENERIC_SECRET, signed)).build();
  }

  private int status(int port, String path, Headers headers, byte[] body) {
    try (Response response = post(port, path, headers, body)) {
      return response.code();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Response post(int port, String path, Headers headers, byte[] body) throws IOException {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).headers(headers)
        .post(RequestBody.create(body, JSON)).build()).execute();
  }
}
