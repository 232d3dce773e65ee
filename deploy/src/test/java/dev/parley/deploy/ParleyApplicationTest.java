package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.api.BotCore;
import dev.parley.core.api.ConversationKey;
import dev.parley.core.testing.FakeGroq;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The application's lifecycle in one process: platforms get the engine, readiness follows them, stop undoes all. */
class ParleyApplicationTest {
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void startsThePlatformsWithTheEngineAndStopsThemOnShutdown() throws IOException {
    RecordingPlatform platform = new RecordingPlatform();
    try (FakeGroq groq = FakeGroq.startKeyless()) {
      ParleyConfig config = ParleyConfig.load(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", "0",
          "PARLEY_SHUTDOWN_GRACE", "1s"));
      ParleyApplication app = ParleyApplication.start(config, (c, ops) -> List.of(platform));
      int port = app.port();

      assertThat(platform.core).isNotNull();
      assertThat(platform.core.models().currentModel(
          new ConversationKey("slack", "T1", "C1", "1.2"))).isEqualTo("llama-3.3-70b-versatile");
      assertThat(get(port, "/readyz")).isEqualTo(200);
      platform.connected = false;
      assertThat(get(port, "/readyz")).isEqualTo(503);

      app.stop();
      app.stop();

      assertThat(platform.events).containsExactly("start", "stop", "close");
      assertThatThrownBy(() -> get(port, "/healthz")).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void notReadyUntilEveryPlatformHasStarted() throws Exception {
    int port = freePort();
    RecordingPlatform platform = new RecordingPlatform();
    platform.gate = new CountDownLatch(1);
    try (FakeGroq groq = FakeGroq.startKeyless()) {
      ParleyConfig config = ParleyConfig.load(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port)));
      CompletableFuture<ParleyApplication> app = CompletableFuture.supplyAsync(
          () -> ParleyApplication.start(config, (c, ops) -> List.of(platform)));

      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(port, "/readyz") == 503);
      assertThat(body(port, "/readyz")).contains("\"parley\":\"starting\"");
      platform.gate.countDown();

      await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/readyz") == 200);
      app.get(20, TimeUnit.SECONDS).stop();
    }
  }

  private String body(int port, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
      return response.body().string();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private int get(int port, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + path).build()).execute()) {
      return response.code();
    }
  }

  private static final class RecordingPlatform implements PlatformRunner {
    final List<String> events = new ArrayList<>();
    volatile BotCore core;
    volatile boolean connected;
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public void start(BotCore core) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      this.core = core;
      connected = true;
      events.add("start");
    }

    @Override
    public void stop() {
      events.add("stop");
    }

    @Override
    public void close() {
      events.add("close");
    }

    @Override
    public boolean isConnected() {
      return connected;
    }
  }
}
