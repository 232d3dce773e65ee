package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.engine.Conversations;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The ops endpoints over real HTTP, with a real Redis and one that does not answer. */
class OpsServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final Metrics metrics = new Metrics();
  private final OpsServer ops = OpsServer.start(0, metrics.registry());
  private UnifiedJedis redis;

  @AfterEach
  void close() {
    ops.close();
    if (redis != null) redis.close();
    metrics.close();
  }

  @Test
  void healthzAnswersWhileTheProcessRuns() throws IOException {
    try (Response response = get("/healthz")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).contains("\"ok\"");
    }
  }

  @Test
  void readyzIsReadyWhenRedisAnswersAndThePlatformIsConnected() throws IOException {
    redis = RedisEndpoint.parse("redis://127.0.0.1:6379").connect();
    ops.addReadinessCheck(new RedisReadiness(redis, metrics.registry()));
    ops.addReadinessCheck(ReadinessCheck.of(new FixedPlatform("slack", true)));

    try (Response response = get("/readyz")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(JSON.readTree(response.body().string()).path("status").asText()).isEqualTo("ready");
    }
    assertThat(metrics.registry().scrape()).contains("parley_redis_latency_seconds_count{application=\"parley\",outcome=\"ok\"} 1");
  }

  @Test
  void readyzNamesEverythingThatIsNotReady() throws IOException {
    redis = RedisEndpoint.parse("redis://127.0.0.1:" + closedPort()).connect();
    ops.addReadinessCheck(new RedisReadiness(redis, metrics.registry()));
    ops.addReadinessCheck(ReadinessCheck.of(new FixedPlatform("discord", false)));
    ops.addReadinessCheck(ReadinessCheck.of(new FixedPlatform("slack", true)));

    try (Response response = get("/readyz")) {
      assertThat(response.code()).isEqualTo(503);
      JsonNode body = JSON.readTree(response.body().string());
      assertThat(body.path("failing").path("redis").asText()).startsWith("no answer to PING");
      assertThat(body.path("failing").path("discord").asText()).isEqualTo("not connected");
      assertThat(body.path("failing").has("slack")).isFalse();
    }
  }

  @Test
  void metricsSpeakPrometheusTextWithJvmAndEngineMeters() throws IOException {
    new MicrometerEngineObserver(metrics.registry()).answerFinished("slack", "answered");

    try (Response response = get("/metrics")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
      assertThat(response.body().string())
          .contains("# TYPE jvm_memory_used_bytes gauge", "process_uptime_seconds", "jvm_threads_live_threads",
              "parley_answers_total{application=\"parley\",outcome=\"answered\",platform=\"slack\"} 1.0");
    }
  }

  @Test
  void aMountedHandlerSharesThePort() throws IOException {
    ops.mount("/slack/events", exchange -> {
      byte[] body = "mounted".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });

    try (Response response = get("/slack/events")) {
      assertThat(response.body().string()).isEqualTo("mounted");
    }
  }

  private Response get(String path) throws IOException {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + ops.port() + path).build()).execute();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private record FixedPlatform(String name, boolean isConnected) implements PlatformRunner {
    @Override
    public void start(Conversations conversations) {}

    @Override
    public void stop() {}

    @Override
    public void close() {}
  }
}
