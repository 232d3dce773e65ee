package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.core.api.BotCore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
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
    }, 1024);

    try (Response response = get("/slack/events")) {
      assertThat(response.body().string()).isEqualTo("mounted");
    }
  }

  @Test
  void aDeclaredBodyOverTheCapIs413BeforeAnyOfItIsSent() throws IOException {
    ops.mount("/upload", OpsServerTest::echoBody, 100);

    try (Socket probe = connect(ops); Socket upload = connect(ops)) {
      send(probe, "POST /readyz HTTP/1.1\r\nHost: x\r\nContent-Length: " + (OpsServer.PROBE_MAX_BODY + 1) + "\r\n\r\n");
      send(upload, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n");

      assertThat(statusLine(probe)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      assertThat(statusLine(upload)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void aChunkedBodyIsReadOnlyUpToTheCap() throws IOException {
    ops.mount("/upload", OpsServerTest::echoBody, 100);

    try (Socket over = connect(ops); Socket under = connect(ops)) {
      send(over, "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "65\r\n" + "a".repeat(101) + "\r\n");
      send(under, "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n0\r\n\r\n");

      assertThat(statusLine(over)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      assertThat(statusLine(under)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  /**
   * With room for one request, a client that stalls mid-body holds the place and others get 503;
   * the server's request deadline then closes the stalled connection and frees the place.
   */
  @Test
  void aStalledClientHoldsItsPlaceOnlyUntilTheRequestDeadline() throws IOException {
    try (OpsServer single = OpsServer.start(0, metrics.registry(), 1); Socket stalled = connect(single)) {
      single.mount("/upload", OpsServerTest::echoBody, 100);
      send(stalled, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");

      await().atMost(Duration.ofSeconds(20)).until(() -> status(single, "/metrics") == 503);
      try (Response busy = getFrom(single, "/readyz")) {
        assertThat(busy.header("Retry-After")).isEqualTo("1");
      }
      assertThat(status(single, "/healthz")).as("liveness answers however busy").isEqualTo(200);

      await().atMost(Duration.ofSeconds(OpsServer.REQUEST_DEADLINE_SECONDS + 30L))
          .until(() -> status(single, "/metrics") == 200);
      assertThat(closedByServer(stalled)).as("the stalled connection is closed").isTrue();
    }
  }

  private static void echoBody(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private int status(OpsServer server, String path) {
    try (Response response = getFrom(server, path)) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }

  private Response getFrom(OpsServer server, String path) throws IOException {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + server.port() + path).build()).execute();
  }

  private static Socket connect(OpsServer server) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(60_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  private static boolean closedByServer(Socket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (IOException e) {
      return true;
    }
  }

  private static String statusLine(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
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
    public void start(BotCore core) {}

    @Override
    public void stop() {}

    @Override
    public void close() {}
  }
}
