package dev.parley.discord.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;

/**
 * A local Discord for protocol tests: REST under {@code /api/v10/}, the gateway at
 * {@code /gateway} and the attachment CDN at {@code /attachments/} ({@link FakeDiscordCdn}), all
 * on one {@link MockWebServer}. It keeps every message's content history
 * and every request, so tests can check what a user would have seen.
 */
public final class FakeDiscord implements AutoCloseable {
  public static final String TOKEN = "fake-bot-token";

  private final MockWebServer server = new MockWebServer();
  private final FakeGateway gateway;
  private final FakeRateLimits rateLimits = new FakeRateLimits();
  private final FakeDiscordCdn cdn;
  /**
   * Every REST call, guarded by itself. Not a copy-on-write list: the load benchmark records a
   * hundred thousand calls, and copying the whole array at each one made gigabytes of garbage in
   * the benchmark's JVM, whose pauses then showed in the bot's measured latency.
   */
  private final List<RecordedCall> calls = new ArrayList<>();
  private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
  private final Map<String, List<String>> contentHistory = new ConcurrentHashMap<>();
  private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> callbacks = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> threads = new ConcurrentHashMap<>();
  private final List<HttpUrl> gatewayConnects = new CopyOnWriteArrayList<>();
  private final java.util.Set<Integer> expectedErrors = ConcurrentHashMap.newKeySet();
  private volatile boolean historyRefused;

  /** An interaction's webhook: where its messages go and which one is the original. */
  public static final class Hook {
    final String interactionId;
    final String channelId;
    final String guildId;
    public volatile String originalId;
    public final List<String> followUpIds = new CopyOnWriteArrayList<>();
    /** The interaction's type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
    final int interactionType;
    final java.util.concurrent.atomic.AtomicBoolean acknowledged = new java.util.concurrent.atomic.AtomicBoolean();

    Hook(String interactionId, int interactionType, String channelId, String guildId) {
      this.interactionId = interactionId;
      this.interactionType = interactionType;
      this.channelId = channelId;
      this.guildId = guildId;
    }
  }

  private FakeDiscord() {
    try {
      server.setServerSocketFactory(new WideBacklog());
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Discord", e);
    }
    gateway = new FakeGateway(TOKEN, gatewayUrl());
    cdn = new FakeDiscordCdn("http://127.0.0.1:" + server.getPort() + "/");
    server.setDispatcher(new FakeDiscordRest(this));
  }

  public static FakeDiscord start() {
    return new FakeDiscord();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/api/v10/";
  }

  public String gatewayUrl() {
    return "ws://127.0.0.1:" + server.getPort() + "/gateway";
  }

  public FakeGateway gateway() {
    return gateway;
  }

  /** The attachment CDN: files a test puts there get links into MESSAGE_CREATE payloads. */
  public FakeDiscordCdn cdn() {
    return cdn;
  }

  FakeRateLimits rateLimits() {
    return rateLimits;
  }

  /** How many requests the fake answered with a 429. */
  public long rateLimited() {
    return calls().stream().filter(call -> call.status() == 429).count();
  }

  /** Dispatches INTERACTION_CREATE and remembers the interaction's webhook. */
  public void interact(ObjectNode interaction) {
    registerInteraction(interaction);
    gateway.dispatch("INTERACTION_CREATE", interaction);
  }

  /** Remembers the interaction's webhook, so its callback and webhook routes are known. */
  public void registerInteraction(ObjectNode interaction) {
    String guildId = interaction.path("guild_id").asText(null);
    hooks.put(interaction.get("token").asText(),
        new Hook(interaction.get("id").asText(), interaction.path("type").asInt(), interaction.get("channel_id").asText(),
            guildId));
  }

  /**
   * A message written while the bot was not listening (before it joined, or before a restart):
   * stored, so the channel's history shows it, but never dispatched.
   */
  public void pastMessage(ObjectNode message) {
    store(message);
  }

  /** From now on, reading a channel's messages is refused with 403 {@code 50001 Missing Access}. */
  public void refuseHistory() {
    expectError(50001);
    historyRefused = true;
  }

  /** A user's message: stored, then dispatched as MESSAGE_CREATE. */
  public void userMessage(ObjectNode message) {
    store(message);
    gateway.dispatch("MESSAGE_CREATE", message);
  }

  public List<RecordedCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** How many REST calls were recorded, without copying them. */
  public int callCount() {
    synchronized (calls) {
      return calls.size();
    }
  }

  /**
   * Forgets the REST calls recorded so far, here and in the HTTP server's own record of every
   * request: a long run (the load benchmark's warm-up rounds) would otherwise keep every request
   * and its body alive.
   */
  public void forgetCalls() {
    synchronized (calls) {
      calls.clear();
    }
    try {
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // drained
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every content a message showed, creation first. */
  public List<String> contentHistory(String messageId) {
    return List.copyOf(contentHistory.getOrDefault(messageId, List.of()));
  }

  public ObjectNode message(String id) {
    return messages.get(id);
  }

  /** The bot's messages in a channel, in creation order. */
  public List<ObjectNode> botMessagesIn(String channelId) {
    return messages.values().stream()
        .filter(m -> m.path("channel_id").asText().equals(channelId))
        .filter(m -> m.path("author").path("id").asText().equals(DiscordPayloads.BOT_ID))
        .sorted((a, b) -> Long.compare(a.get("id").asLong(), b.get("id").asLong()))
        .toList();
  }

  /** The contents an interaction's messages show now: the original, then its follow-ups still there. */
  public List<String> interactionContents(String token) {
    Hook hook = hooks.get(token);
    List<String> ids = new java.util.ArrayList<>();
    ids.add(hook.originalId);
    ids.addAll(hook.followUpIds);
    // A deleted message shows nothing.
    return ids.stream().map(messages::get).filter(java.util.Objects::nonNull)
        .map(message -> message.path("content").asText()).toList();
  }

  /**
   * Declares that the test provokes a refusal on purpose, by Discord's JSON error code (such as
   * {@code 50013} Missing Permissions); the harness then does not fail on it.
   */
  public FakeDiscord expectError(int code) {
    expectedErrors.add(code);
    return this;
  }

  /** Calls Discord refused (4xx other than 429) with a code no test declared; unknown routes included. */
  public List<RecordedCall> unexpectedErrors() {
    return calls().stream().filter(RecordedCall::refused)
        .filter(c -> c.error() == null || !expectedErrors.contains(c.error())).toList();
  }

  public Hook hook(String token) {
    return hooks.get(token);
  }

  JsonNode callback(String interactionId) {
    return callbacks.get(interactionId);
  }

  JsonNode thread(String id) {
    return threads.get(id);
  }

  @Override
  public void close() {
    gateway.close();
    server.close();
  }

  // Used by FakeDiscordRest.

  void record(RecordedCall call) {
    synchronized (calls) {
      calls.add(call);
    }
  }

  void recordCallback(String interactionId, JsonNode body) {
    callbacks.put(interactionId, body);
  }

  synchronized void store(ObjectNode message) {
    String id = message.get("id").asText();
    messages.put(id, message);
    contentHistory.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(message.path("content").asText());
  }

  synchronized ObjectNode edit(String id, JsonNode patch) {
    ObjectNode message = messages.get(id);
    if (message == null) return null;
    if (patch.has("content")) message.put("content", patch.get("content").asText());
    if (patch.has("components")) message.set("components", patch.get("components"));
    message.put("edited_timestamp", java.time.Instant.now().toString());
    contentHistory.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(message.path("content").asText());
    return message;
  }

  /** Deletes a message; false when there is none with that id. */
  synchronized boolean delete(String id) {
    if (messages.remove(id) == null) return false;
    hooks.values().forEach(hook -> hook.followUpIds.remove(id));
    return true;
  }

  void recordGatewayConnect(HttpUrl url) {
    gatewayConnects.add(url);
  }

  /** The URLs the client opened the gateway with, in order (identify, then resumes). */
  List<HttpUrl> gatewayConnects() {
    return List.copyOf(gatewayConnects);
  }

  boolean historyRefused() {
    return historyRefused;
  }

  /** Every stored message of a channel or thread, in no particular order. */
  List<ObjectNode> messagesIn(String channelId) {
    return messages.values().stream().filter(m -> m.path("channel_id").asText().equals(channelId)).toList();
  }

  void addThread(JsonNode thread) {
    threads.put(thread.get("id").asText(), thread);
  }
}
