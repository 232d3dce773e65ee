package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.testing.FakeGroq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    try (FakeGroq groq = FakeGroq.startKeyless();
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
  void notReadyWhileRedisIsUnreachableAndThePasswordIsNeverShown() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        TestRedis redis = TestRedis.start("TOPSECRETREDIS");
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "REDIS_URL", "redis://:TOPSECRETREDIS@127.0.0.1:" + redis.port()))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/readyz") == 200);

      redis.kill();

      await().atMost(Duration.ofSeconds(20)).until(() -> status(port, "/readyz") == 503);
      assertThat(body(port, "/readyz")).contains("\"redis\":\"no answer to PING");
      assertThat(status(port, "/healthz")).isEqualTo(200);
      assertThat(parley.isAlive()).isTrue();
      assertThat(parley.stderr()).contains("redis://:(redacted)@127.0.0.1:" + redis.port()).doesNotContain("TOPSECRET");
    }
  }

  @Test
  void theDockerfileHealthcheckPassesAgainstTheRunningJarAndFailsWithoutIt() throws Exception {
    String healthcheck = dockerfileHealthcheck();
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port)))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/healthz") == 200);

      assertThat(runHealthcheck(healthcheck, port)).isZero();
      assertThat(runHealthcheck(healthcheck, ParleyProcess.freePort())).isNotZero();
    }
  }

  /** The bash command of the Dockerfile's HEALTHCHECK, unescaped from its JSON exec form. */
  private static String dockerfileHealthcheck() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Matcher matcher = Pattern.compile("CMD \\[\"bash\", \"-c\", \"(.*)\"\\]").matcher(dockerfile);
    assertThat(matcher.find()).as("HEALTHCHECK CMD [\"bash\", \"-c\", ...] in the Dockerfile").isTrue();
    return matcher.group(1).replace("\\\\", "\\");
  }

  private static int runHealthcheck(String command, int port) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command);
    builder.environment().put("PORT", Integer.toString(port));
    Process run = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return run.exitValue();
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
