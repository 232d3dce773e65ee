package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.testing.FakeGroq;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} of the running jar, with Redis up and down. */
class OpsEndpointsIT {
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void readyWithRedisAndServesMetrics() throws Exception {
    String prefix = "parley-test:" + UUID.randomUUID() + ":";
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "REDIS_URL", "redis://127.0.0.1:6379/0", "PARLEY_REDIS_PREFIX", prefix))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/readyz") == 200);

      assertThat(status(port, "/healthz")).isEqualTo(200);
      parley.writeLine("hello metrics");
      parley.awaitStdout("echo: hello metrics", Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(body(port, "/metrics"))
          .contains("jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "process_uptime_seconds",
              "parley_redis_latency_seconds_count", "parley_events_total{application=\"parley\",duplicate=\"false\",platform=\"console\"} 1.0",
              "parley_answers_total{application=\"parley\",outcome=\"answered\",platform=\"console\"} 1.0",
              "parley_first_token_seconds"));
      assertThat(parley.stderr()).doesNotContain("REDIS_URL is not set");
    } finally {
      TestRedis.deleteKeys(6379, prefix);
    }
  }

  @Test
  void notReadyWhileRedisIsUnreachable() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.start();
        TestRedis redis = TestRedis.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "REDIS_URL", "redis://127.0.0.1:" + redis.port()))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/readyz") == 200);

      redis.kill();

      await().atMost(Duration.ofSeconds(20)).until(() -> status(port, "/readyz") == 503);
      assertThat(body(port, "/readyz")).contains("\"redis\":\"no answer to PING");
      assertThat(status(port, "/healthz")).isEqualTo(200);
      assertThat(parley.isAlive()).isTrue();
    }
  }

  private int status(int port, String path) {
    try (Response response = call(port, path)) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }

  private String body(int port, String path) throws IOException {
    try (Response response = call(port, path)) {
      return response.body().string();
    }
  }

  private Response call(int port, String path) throws IOException {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute();
  }
}
