package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local Slack on loopback that speaks the real wire formats: the Web API under {@code /api/}
 * (form-encoded or JSON bodies, bearer tokens, {@code ok:false} errors, 429 with
 * {@code Retry-After}), and the Socket Mode WebSocket at the {@code ws://} address that
 * {@code apps.connections.open} hands out. It stores what the bot posts so tests can read the
 * conversation as a user would see it, and records every call.
 *
 * <p>Each call is recorded with what the fake really answered: the HTTP status and, for Slack's
 * HTTP-200 refusals, {@code ok:false} and the {@code error} code. {@link #close()} fails the test
 * if the bot received an {@code ok:false} error (or a fake crash) the test did not declare with
 * {@link #expectError(String)}: a bot that calls a method wrongly and tolerates the refusal must
 * not pass. 429s are rate limiting, which the bot must honour, not an error.
 */
public final class FakeSlack implements AutoCloseable {
  public static final String TEAM = "T0PARLEY";
  public static final String BOT_USER = "U0PARLEY";
  public static final String BOT_ID = "B0PARLEY";
  public static final String BOT_TOKEN = "xoxb-fake-bot-token";
  public static final String APP_TOKEN = "xapp-fake-app-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One Web API call as the fake received it and what it answered: the HTTP {@code status}, and
   * {@code error}, the {@code ok:false} code (Slack refuses most calls with HTTP 200), or null.
   */
  public record ApiCall(String method, Map<String, String> params, String token, Instant at, int status, String error) {
    public String param(String name) {
      return params.get(name);
    }

    /** Whether Slack answered {@code ok:true}. */
    public boolean ok() {
      return status == 200 && error == null;
    }
  }

  /** A 429 the fake answered, and the wait it asked for. */
  public record Rejection(String method, Instant at, Duration retryAfter) {}

  /** A call that came before the {@code Retry-After} of an earlier 429 for its key had passed. */
  public record Unhonoured(String key, Instant at, Duration early) {}

  /**
   * At most {@code calls} per {@code window}, counted per workspace and method, and per channel
   * too when {@code perChannel} (Slack's rule for {@code chat.postMessage}).
   */
  private record Limit(int calls, Duration window, boolean perChannel) {}

  private final MockWebServer server = new MockWebServer();
  private final FakeSocketMode socket = new FakeSocketMode();
  private final List<ApiCall> calls = new CopyOnWriteArrayList<>();
  private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
  private final Map<String, Limit> limits = new ConcurrentHashMap<>();
  private final Map<String, List<Instant>> accepted = new ConcurrentHashMap<>();
  private final Map<String, Long> retryUntil = new ConcurrentHashMap<>();
  private final List<Unhonoured> unhonoured = new CopyOnWriteArrayList<>();
  private final Map<String, FakeSlackMessage> messages = new ConcurrentHashMap<>();
  private final List<FakeSlackMessage> ordered = new CopyOnWriteArrayList<>();
  private final List<FakeSlackMessage> deleted = new CopyOnWriteArrayList<>();
  private final Map<String, List<ObjectNode>> userMessages = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong(1_767_225_600_000_100L);
  private volatile String streamingError;
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  private volatile boolean retryAfterAsDate;
  private volatile Duration streamLifetime = Duration.ofSeconds(300);
  private volatile int streamMaxBytes = 12_000;
  /**
   * Errors a test may see without declaring them. The SDK itself calls {@code auth.test} with the
   * app token on each Socket Mode connection and ignores {@code not_allowed_token_type}.
   */
  private final Set<String> expectedErrors = ConcurrentHashMap.newKeySet();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final FakeSlackFiles files = new FakeSlackFiles(this);
  private final Map<String, String> userNames = new ConcurrentHashMap<>();
  private volatile boolean historyScopeRevoked;
  private volatile boolean nonMarketplace;

  private FakeSlack() {}

  public static FakeSlack start() {
    FakeSlack fake = new FakeSlack();
    fake.server.setDispatcher(fake.new Router());
    fake.socket.onUserMessage(fake::eventSent);
    try {
      fake.server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Slack", e);
    }
    return fake;
  }

  /** The value for {@code SLACK_API_URL}. */
  public String apiUrl() {
    return baseUrl() + "/api/";
  }

  /** The value for {@code SLACK_FILES_URL}: files are served from the fake's own host. */
  public String filesUrl() {
    return baseUrl() + "/";
  }

  /**
   * A file a user shares, served at its {@code url_private} with the bot token; put its
   * {@link FakeSlackFile#json()} into an event's {@code files} (see {@link SlackEvents#withFiles}).
   */
  public FakeSlackFile shareFile(String name, String mimetype, byte[] bytes) {
    return files.add(name, mimetype, bytes, false);
  }

  /** An audio clip recorded in Slack ({@code "subtype": "slack_audio"}). */
  public FakeSlackFile shareAudioClip(String name, String mimetype, byte[] bytes) {
    return files.add(name, mimetype, bytes, true);
  }

  /**
   * From now on the bot token acts as one of an app installed without {@code files:read}: file
   * downloads get Slack's sign-in page and {@code files.info} answers {@code missing_scope}.
   */
  public void revokeFilesScope() {
    files.revokeFilesScope();
  }

  /** Every request for a file's bytes, in order. */
  public List<FakeSlackFiles.Download> downloads() {
    return files.downloads();
  }

  public FakeSocketMode socket() {
    return socket;
  }

  /**
   * Makes every streaming method answer {@code ok:false} with {@code error}; null restores them.
   * The test provokes this error on purpose, so it is declared expected.
   */
  public void failStreaming(String error) {
    if (error != null) expectError(error);
    this.streamingError = error;
  }

  /**
   * How long a stream stays open after {@code chat.startStream}: Slack ends it after about five
   * minutes however often it is appended to (about 306 s measured), and answers later appends and
   * stops with {@code message_not_in_streaming_state}. Tests shorten it.
   */
  public void streamLifetime(Duration lifetime) {
    this.streamLifetime = lifetime;
  }

  /**
   * How much text one streamed message takes in all, in UTF-8 bytes, before appends fail with
   * {@code msg_too_long}: Slack does not document it; live workspaces refuse at about 12,000
   * characters of plain text.
   */
  public void streamMaxBytes(int bytes) {
    this.streamMaxBytes = bytes;
  }

  /**
   * A stream the bot started and never finished, as an instance that died mid-answer leaves it:
   * open, holding {@code text}. With {@code withStopControl}, also the small message with the Stop
   * button that went with it. Returns the stream message and, if made, the control.
   */
  public List<FakeSlackMessage> abandonedStream(String channel, String threadTs, String text, boolean withStopControl) {
    FakeSlackMessage stream = create(channel, threadTs, true);
    stream.append(text);
    if (!withStopControl) return List.of(stream);
    FakeSlackMessage control = create(channel, threadTs, false);
    control.set("_Writing the answer…_", "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\","
        + "\"action_id\":\"parley_stop\",\"value\":\"x\",\"text\":{\"type\":\"plain_text\",\"text\":\"Stop\"}}]}]", false);
    return List.of(stream, control);
  }

  /**
   * Declares that the test provokes {@code error} on purpose (an {@code ok:false} code, such as
   * {@code channel_not_found}); receiving it then does not fail {@link #close()}.
   */
  public FakeSlack expectError(String error) {
    expectedErrors.add(error);
    return this;
  }

  /** The calls Slack refused (not counting 429s) with an error no test declared. */
  public List<ApiCall> unexpectedErrors() {
    return calls.stream().filter(c -> c.status() != 429 && !c.ok())
        .filter(c -> !expectedErrors.contains(c.error()))
        .filter(c -> !(c.method().equals("auth.test") && "not_allowed_token_type".equals(c.error())))
        .toList();
  }

  /**
   * Fails if the bot received an error the test did not declare: an {@code ok:false}, or a file
   * download answered with something other than the file (Slack's sign-in page, a 404).
   */
  public void assertNoUnexpectedErrors() {
    List<ApiCall> unexpected = unexpectedErrors();
    if (!unexpected.isEmpty()) {
      throw new AssertionError("the bot received Slack errors the test did not expect: " + unexpected.stream()
          .map(c -> c.method() + " -> " + c.status() + " " + c.error() + " " + c.params()).toList());
    }
    List<FakeSlackFiles.Download> failedDownloads = files.downloads().stream()
        .filter(d -> d.error() != null && !expectedErrors.contains(d.error())).toList();
    if (!failedDownloads.isEmpty()) {
      throw new AssertionError("the bot's file downloads failed where the test did not expect it: " + failedDownloads);
    }
  }

  /**
   * Holds every call of {@code method} unanswered until the returned latch is counted down (or
   * 60 seconds pass), as a slow Slack would: a test sees what the bot does while it waits.
   */
  public CountDownLatch hold(String method) {
    CountDownLatch release = new CountDownLatch(1);
    held.put(method, release);
    return release;
  }

  /**
   * Allows {@code method} at most {@code calls} times per {@code window} in the workspace,
   * answering 429 beyond.
   */
  public void rateLimit(String method, int calls, Duration window) {
    limits.put(method, new Limit(calls, window, false));
  }

  /**
   * Slack's published limits, keyed as Slack keys them: per method, app and workspace by tier
   * (docs.slack.dev/apis/web-api/rate-limits: Tier 2 20, Tier 3 50, Tier 4 100 a minute), and
   * {@code chat.postMessage} at one a second per channel. {@code chat.update} and
   * {@code chat.delete} are Tier 3, {@code chat.appendStream} Tier 4, {@code chat.startStream}
   * and {@code chat.stopStream} Tier 2.
   */
  public FakeSlack enforcePublishedTiers() {
    Duration minute = Duration.ofMinutes(1);
    rateLimit("chat.update", 50, minute);
    rateLimit("chat.delete", 50, minute);
    rateLimit("chat.appendStream", 100, minute);
    rateLimit("chat.startStream", 20, minute);
    rateLimit("chat.stopStream", 20, minute);
    limits.put("chat.postMessage", new Limit(1, Duration.ofSeconds(1), true));
    return this;
  }

  /** Calls that came before the {@code Retry-After} of an earlier 429 for their key had passed. */
  public List<Unhonoured> unhonoured() {
    return List.copyOf(unhonoured);
  }

  /** How many calls the fake answered with a 429. */
  public long rateLimited() {
    return calls.stream().filter(c -> c.status() == 429).count();
  }

  /**
   * Sends {@code Retry-After} on a 429 as an HTTP-date (RFC 9110 allows it, and a proxy in front
   * of Slack may rewrite to it) instead of Slack's seconds; the date is rounded up to a whole second.
   */
  public void retryAfterAsHttpDate() {
    retryAfterAsDate = true;
  }

  public List<ApiCall> calls() {
    return List.copyOf(calls);
  }

  public List<ApiCall> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public List<Rejection> rejections(String method) {
    return rejections.stream().filter(r -> r.method().equals(method)).toList();
  }

  /** Messages the bot wrote, oldest first. */
  public List<FakeSlackMessage> botMessages() {
    return List.copyOf(ordered);
  }

  /** Messages the bot wrote and then deleted, in the order it deleted them. */
  public List<FakeSlackMessage> deletedMessages() {
    return List.copyOf(deleted);
  }

  /** Messages the bot wrote in a thread, oldest first. */
  public List<FakeSlackMessage> botMessages(String channel, String threadTs) {
    return ordered.stream().filter(m -> m.channel().equals(channel) && threadTs.equals(m.threadTs())).toList();
  }

  /** A new message timestamp, as Slack makes them ({@code seconds.micros}, increasing). */
  public String nextTs() {
    long micros = clock.addAndGet(100);
    return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  /** Stores a user's message so that {@code conversations.replies} can return it. */
  public void rememberUserMessage(ObjectNode event) {
    String thread = event.path("thread_ts").asText(event.path("ts").asText());
    List<ObjectNode> inThread = userMessages.computeIfAbsent(event.path("channel").asText() + "/" + thread,
        k -> new CopyOnWriteArrayList<>());
    if (inThread.stream().noneMatch(m -> m.path("ts").equals(event.path("ts")))) inThread.add(event);
    // Whoever writes in the workspace is a member users.info can name, as on Slack.
    String user = event.path("user").asText("");
    String display = event.path("user_profile").path("display_name").asText("");
    if (!user.isEmpty()) userNames.putIfAbsent(user, display.isEmpty() ? user : display);
    threads.add(event.path("channel").asText() + "/" + thread);
    threads.add(event.path("channel").asText() + "/" + event.path("ts").asText());
  }

  /**
   * A person's message in a thread that no event told the bot about, as in a thread the bot
   * never saw: only {@code conversations.replies} shows it. Returns its {@code ts}.
   */
  public String personSaid(String channel, String threadTs, String user, String text) {
    String ts = nextTs();
    ObjectNode message = JSON.createObjectNode().put("type", "message").put("user", user).put("text", text)
        .put("ts", ts).put("channel", channel).put("team", TEAM).put("client_msg_id", java.util.UUID.randomUUID().toString());
    if (threadTs != null) message.put("thread_ts", threadTs).put("parent_user_id", user);
    rememberUserMessage(message);
    return ts;
  }

  /** A workspace member {@code users.info} knows, with {@code displayName} as their profile's display name. */
  public void addUser(String id, String displayName) {
    userNames.put(id, displayName);
  }

  /**
   * From now on the bot token acts as one of an app installed without the history scopes:
   * {@code conversations.replies} answers {@code missing_scope}. Declared expected.
   */
  public void revokeHistoryScope() {
    expectError("missing_scope");
    historyScopeRevoked = true;
  }

  /**
   * Answers {@code conversations.replies} as Slack does for an app distributed outside the
   * Marketplace since 2025-05-29: at most 15 messages a call, and at most one call a minute.
   */
  public void nonMarketplaceApp() {
    nonMarketplace = true;
    rateLimit("conversations.replies", 1, Duration.ofMinutes(1));
  }

  /** Stops the fake, then fails if the bot received an error the test did not expect. */
  /**
   * Stores what an event sent to the bot says exists: a user's message, or an assistant thread.
   * Socket Mode events do this by themselves; a test that posts events over HTTP calls it.
   */
  public void eventSent(ObjectNode event) {
    if (event.path("type").asText().equals("assistant_thread_started")) {
      JsonNode thread = event.path("assistant_thread");
      threads.add(thread.path("channel_id").asText() + "/" + thread.path("thread_ts").asText());
    } else if (event.has("ts")) {
      rememberUserMessage(event);
    }
  }

  @Override
  public void close() {
    socket.close();
    server.close();
    assertNoUnexpectedErrors();
  }

  private final class Router extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      try {
        return route(request);
      } catch (RuntimeException e) {
        // A broken fake must fail the test loudly, not hang the client.
        calls.add(new ApiCall(request.getUrl().encodedPath(), Map.of(), null, Instant.now(), 500, "fake_failed: " + e));
        return new MockResponse.Builder().code(500).body("{\"ok\":false,\"error\":\"fake_failed\"}").build();
      }
    }

    private MockResponse route(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (path.startsWith("/link")) return new MockResponse.Builder().webSocketUpgrade(socket).build();
      if (path.startsWith("/files-pri/") || path.startsWith("/elsewhere/")) return files.serve(request);
      if (!path.startsWith("/api/")) return new MockResponse.Builder().code(404).build();
      String method = path.substring("/api/".length());
      Map<String, String> params = params(request);
      String token = token(request, params);
      awaitRelease(method);
      String key = limitKey(method, params);
      checkHonoured(key);
      Duration wait = admit(method, key);
      if (wait != null) {
        Instant now = Instant.now();
        String retryAfter = String.valueOf(wait.toSeconds());
        if (retryAfterAsDate) {
          Instant until = now.plus(wait).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
          retryAfter = DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC));
          wait = Duration.between(now, until);
        }
        calls.add(new ApiCall(method, params, token, now, 429, "ratelimited"));
        rejections.add(new Rejection(method, now, wait));
        retryUntil.put(key, System.nanoTime() + wait.toNanos());
        return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter)
            .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
      }
      ObjectNode answer = FakeSlackMethods.answer(FakeSlack.this, method, params, token);
      String error = answer.path("ok").asBoolean() ? null : answer.path("error").asText("(no error code)");
      calls.add(new ApiCall(method, params, token, Instant.now(), 200, error));
      return json(answer);
    }

    private void awaitRelease(String method) {
      CountDownLatch release = held.get(method);
      if (release == null) return;
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Slack counts per method, app and workspace; the fake has one app in one workspace. */
    private String limitKey(String method, Map<String, String> params) {
      Limit limit = limits.get(method);
      String key = TEAM + "/" + method;
      return limit != null && limit.perChannel() ? key + "/" + params.get("channel") : key;
    }

    private void checkHonoured(String key) {
      Long until = retryUntil.get(key);
      long now = System.nanoTime();
      if (until != null && until - now > 0) unhonoured.add(new Unhonoured(key, Instant.now(), Duration.ofNanos(until - now)));
    }

    private Duration admit(String method, String key) {
      Limit limit = limits.get(method);
      if (limit == null) return null;
      synchronized (limit) {
        List<Instant> times = accepted.computeIfAbsent(key, k -> new ArrayList<>());
        Instant now = Instant.now();
        times.removeIf(t -> t.isBefore(now.minus(limit.window())));
        if (times.size() < limit.calls()) {
          times.add(now);
          return null;
        }
        Duration until = times.isEmpty() ? limit.window() : Duration.between(now, times.get(0).plus(limit.window()));
        return Duration.ofSeconds(Math.max(1, (until.toMillis() + 999) / 1000));
      }
    }
  }

  // ---- used by FakeSlackMethods ----

  String streamingError() {
    return streamingError;
  }

  Duration streamLifetime() {
    return streamLifetime;
  }

  int streamMaxBytes() {
    return streamMaxBytes;
  }

  int port() {
    return server.getPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  FakeSlackFiles files() {
    return files;
  }

  boolean historyScopeRevoked() {
    return historyScopeRevoked;
  }

  boolean nonMarketplace() {
    return nonMarketplace;
  }

  String userName(String id) {
    return userNames.get(id);
  }

  FakeSlackMessage create(String channel, String threadTs, boolean streamed) {
    FakeSlackMessage message = new FakeSlackMessage(channel, nextTs(), threadTs, streamed);
    messages.put(channel + "/" + message.ts(), message);
    ordered.add(message);
    return message;
  }

  /** {@code chat.delete}: the message is gone for every reader. */
  void delete(FakeSlackMessage message) {
    messages.remove(message.channel() + "/" + message.ts());
    ordered.remove(message);
    deleted.add(message);
  }

  FakeSlackMessage find(String channel, String ts) {
    return messages.get(channel + "/" + ts);
  }

  /** Whether a message with {@code ts} exists in {@code channel}, written by a user or the bot. */
  boolean exists(String channel, String ts) {
    return threads.contains(channel + "/" + ts) || messages.containsKey(channel + "/" + ts);
  }

  List<ObjectNode> userMessages(String channel, String threadTs) {
    return userMessages.getOrDefault(channel + "/" + threadTs, List.of());
  }

  private static MockResponse json(JsonNode body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body.toString()).build();
  }

  private static Map<String, String> params(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Map<String, String> params = new LinkedHashMap<>();
    String contentType = request.getHeaders().get("Content-Type");
    if (contentType != null && contentType.startsWith("application/json")) {
      try {
        JSON.readTree(body).properties().forEach(e ->
            params.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
      } catch (IOException e) {
        throw new IllegalArgumentException("bad JSON body", e);
      }
      return params;
    }
    String query = request.getUrl().encodedQuery();
    for (String source : new String[] {query == null ? "" : query, body}) {
      for (String pair : source.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String token(RecordedRequest request, Map<String, String> params) {
    String auth = request.getHeaders().get("Authorization");
    if (auth != null && auth.startsWith("Bearer ")) return auth.substring("Bearer ".length());
    return params.get("token");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
