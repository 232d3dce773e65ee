package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.AccessGate;
import dev.parley.core.api.BotCore;
import dev.parley.core.api.ChannelSettingsResolver;
import dev.parley.core.api.Conversations;
import dev.parley.core.api.FeedbackRecorder;
import dev.parley.core.api.InMemoryStreamCheckpoints;
import dev.parley.core.api.ModelChoice;
import dev.parley.core.api.TicketDesk;
import dev.parley.core.testing.FakeGroq;
import dev.parley.slack.e2e.FakeSlack;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Slack's HTTP Events API route exists from the moment the port listens: while Bolt is not ready
 * (starting, or draining on shutdown) it answers 503 with {@code Retry-After}, which Slack retries,
 * never 404, which Slack counts as a failed delivery of an app that has no such endpoint.
 */
class SlackEventsRouteTest {
  private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String URL_VERIFICATION = "{\"token\":\"t\",\"challenge\":\"c-42\",\"type\":\"url_verification\"}";

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void answers503WithRetryAfterWhileTheAppStartsThenServesEvents() throws Exception {
    int port = freePort();
    try (FakeGroq groq = FakeGroq.startKeyless(); FakeSlack slack = FakeSlack.start()) {
      CountDownLatch authTest = slack.hold("auth.test");
      ParleyConfig config = ParleyConfig.load(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
          "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_API_URL", slack.apiUrl()));
      CompletableFuture<ParleyApplication> app = CompletableFuture.supplyAsync(() -> ParleyApplication.start(config,
          new DefaultPlatforms(System.in, new PrintStream(System.out), () -> {})));
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> status(port, "/readyz") == 503);

      try (Response starting = post(port, URL_VERIFICATION)) {
        assertThat(starting.code()).isEqualTo(503);
        assertThat(retryAfterSeconds(starting)).isPositive();
      }

      authTest.countDown();
      await().atMost(Duration.ofSeconds(20)).until(() -> status(port, "/readyz") == 200);
      try (Response running = post(port, URL_VERIFICATION)) {
        assertThat(running.code()).isEqualTo(200);
        assertThat(running.body().string()).contains("c-42");
      }
      app.get(20, TimeUnit.SECONDS).stop();
    }
  }

  @Test
  void answers503WithRetryAfterOnceShutdownBegan() throws Exception {
    try (FakeSlack slack = FakeSlack.start();
        OpsServer ops = OpsServer.start(0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      ParleyConfig config = ParleyConfig.load(Map.of("GROQ_BASE_URL", "http://127.0.0.1:1/v1", "PORT", "0",
          "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_API_URL", slack.apiUrl()));
      SlackPlatform platform = new SlackPlatform(config.slack().orElseThrow(), ops);
      platform.start(noConversations());
      try (Response running = post(ops.port(), URL_VERIFICATION)) {
        assertThat(running.code()).isEqualTo(200);
      }

      platform.stop();

      try (Response draining = post(ops.port(), URL_VERIFICATION)) {
        assertThat(draining.code()).isEqualTo(503);
        assertThat(retryAfterSeconds(draining)).isPositive();
      }
      platform.close();
    }
  }

  /** The engine's place; url_verification and a refused request never reach it. */
  private static BotCore noConversations() {
    return new BotCore(unreachable(Conversations.class), unreachable(ModelChoice.class), unreachable(TicketDesk.class),
        unreachable(FeedbackRecorder.class), unreachable(ChannelSettingsResolver.class), unreachable(AccessGate.class),
        new InMemoryStreamCheckpoints());
  }

  private static <T> T unreachable(Class<T> port) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      throw new AssertionError("no request may reach the core here: " + method.getName());
    }));
  }

  private static long retryAfterSeconds(Response response) {
    String retryAfter = response.header("Retry-After");
    assertThat(retryAfter).as("Retry-After").isNotNull().containsOnlyDigits();
    return Long.parseLong(retryAfter);
  }

  private Response post(int port, String body) throws IOException, GeneralSecurityException {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "v0=" + HexFormat.of().formatHex(
        mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/slack/events")
        .header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute();
  }

  private int status(int port, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
      return response.code();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
