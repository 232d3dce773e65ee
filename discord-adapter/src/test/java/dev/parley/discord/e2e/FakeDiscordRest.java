package dev.parley.discord.e2e;

import static dev.parley.discord.e2e.DiscordPayloads.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Discord's REST API as far as Parley uses it. Every response carries a {@code Via} header (JDA
 * treats a 429 without one as a Cloudflare ban); message creates and edits are counted in
 * per-channel and per-interaction-token buckets, and every request with the bot token in the
 * global limit ({@link FakeRateLimits}); answered with {@code X-RateLimit-*} headers, or with a
 * real 429 body and an integer {@code Retry-After}.
 *
 * <p>It refuses what Discord refuses, with Discord's statuses and JSON error codes
 * (discord.com/developers/docs/topics/opcodes-and-status-codes#json): a missing or wrong
 * {@code Authorization: Bot} token (401), content over 2,000 characters (400, 50035
 * {@code BASE_TYPE_MAX_LENGTH}), an empty message (400, 50006), an undocumented interaction
 * callback type (400, 50035), and an action the bot's role lacks the permission for (403, 50013).
 */
public final class FakeDiscordRest extends Dispatcher {
  private final FakeDiscord discord;

  FakeDiscordRest(FakeDiscord discord) {
    this.discord = discord;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    List<String> segments = request.getUrl().pathSegments();
    if (segments.size() == 1 && segments.getFirst().equals("gateway")) {
      discord.recordGatewayConnect(request.getUrl());
      return new MockResponse.Builder().webSocketUpgrade(discord.gateway()).build();
    }
    if (FakeDiscordCdn.serves(segments)) return discord.cdn().serve(request);
    if (segments.size() < 3 || !segments.get(0).equals("api") || !segments.get(1).equals("v10")) {
      return json(404, object().put("message", "404: Not Found").put("code", 0));
    }
    List<String> route = segments.subList(2, segments.size());
    JsonNode body = parseBody(request);
    MockResponse response = unauthorized(route, request.getHeaders().get("Authorization"));
    if (response == null && boundByGlobalLimit(route)) response = globallyLimited();
    if (response == null && request.getMethod().equals("GET") && String.join("/", route).matches("channels/\\d+/messages")) {
      response = history(route.get(1), request.getUrl());
    }
    if (response == null) response = route(request.getMethod(), route, body);
    discord.record(new RecordedCall(request.getMethod(), route, body, response.getCode(), Instant.now(),
        errorCode(response)));
    return response;
  }

  /**
   * Bot routes need {@code Authorization: Bot <token>}; interaction callbacks and interaction
   * webhooks are authorised by the token in their path instead.
   */
  private MockResponse unauthorized(List<String> route, String authorization) {
    String first = route.getFirst();
    if (first.equals("interactions") || first.equals("webhooks")) return null;
    if (("Bot " + FakeDiscord.TOKEN).equals(authorization)) return null;
    return json(401, object().put("message", "401: Unauthorized").put("code", 0));
  }

  /**
   * Every request with the bot token counts towards the global limit; "interaction endpoints are
   * not bound to the bot's Global Rate Limit" (discord.com/developers/docs/topics/rate-limits).
   */
  private static boolean boundByGlobalLimit(List<String> route) {
    String first = route.getFirst();
    return !first.equals("interactions") && !first.equals("webhooks");
  }

  /** Discord's global 429: {@code global: true} in the body and header, no bucket headers; else null. */
  private MockResponse globallyLimited() {
    FakeRateLimits.Verdict verdict = discord.rateLimits().takeGlobal();
    return verdict == null ? null : tooManyRequests(verdict);
  }

  private MockResponse route(String method, List<String> r, JsonNode body) {
    String path = String.join("/", r);
    if (method.equals("GET") && path.equals("users/@me")) return json(200, DiscordPayloads.botUser());
    if (method.equals("GET") && path.equals("gateway/bot")) return gatewayBot();
    if (method.equals("PUT") && path.matches("applications/\\d+(/guilds/\\d+)?/commands")) return commands(body);
    if (method.equals("POST") && path.matches("interactions/\\d+/[^/]+/callback")) return callback(r, body);
    if (path.matches("webhooks/\\d+/[^/]+(/messages/.+)?")) {
      return limited("webhook:" + r.get(2), webhook(method, r, body));
    }
    if (method.equals("POST") && path.matches("channels/\\d+/messages")) {
      MockResponse refused = DiscordMessageRules.refuseCreate(body);
      if (refused == null) refused = missingPermission(r.get(1), sendPermission(r.get(1)));
      return refused != null ? refused : limited("channel:" + r.get(1), () -> created(r.get(1), body));
    }
    if (method.equals("PATCH") && path.matches("channels/\\d+/messages/\\d+")) {
      MockResponse refused = DiscordMessageRules.refuseEdit(body, discord.message(r.get(3)));
      return refused != null ? refused : limited("channel:" + r.get(1), () -> edited(r.get(3), body));
    }
    if (method.equals("DELETE") && path.matches("channels/\\d+/messages/\\d+")) {
      return limited("channel:" + r.get(1), () -> deleted(r.get(3)));
    }
    if (method.equals("POST") && path.matches("channels/\\d+/messages/\\d+/threads")) {
      MockResponse refused = missingPermission(r.get(1), DiscordPayloads.CREATE_PUBLIC_THREADS);
      return refused != null ? refused : thread(r, body);
    }
    return json(404, object().put("message", "Unknown route " + method + " " + path).put("code", 0));
  }

  /**
   * Get Channel Messages (discord.com/developers/docs/resources/message#get-channel-messages):
   * newest first, {@code limit} 1 to 100 (default 50), one of {@code before}, {@code after} or
   * {@code around}. Without View Channel it is 403 {@code 50001 Missing Access}; without Read
   * Message History it answers an empty list, as Discord documents.
   */
  private MockResponse history(String channelId, okhttp3.HttpUrl url) {
    if (discord.historyRefused()) return json(403, object().put("message", "Missing Access").put("code", 50001));
    int limit;
    try {
      limit = url.queryParameter("limit") == null ? 50 : Integer.parseInt(url.queryParameter("limit"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    long anchors = java.util.stream.Stream.of("before", "after", "around").filter(p -> url.queryParameter(p) != null).count();
    if (limit < 1 || limit > 100 || anchors > 1) {
      ObjectNode error = object().put("message", "Invalid Form Body").put("code", 50035);
      error.putObject("errors").putObject("limit").putArray("_errors").addObject()
          .put("code", "NUMBER_TYPE_MAX").put("message", "int value should be less than or equal to 100.");
      return json(400, error);
    }
    JsonNode thread = discord.thread(channelId);
    String permissionsChannel = thread != null ? thread.path("parent_id").asText() : channelId;
    boolean guildChannel = thread != null || channelId.equals(DiscordPayloads.CHANNEL_ID)
        || channelId.equals(DiscordPayloads.NO_THREADS_CHANNEL_ID);
    ArrayNode messages = DiscordPayloads.JSON.createArrayNode();
    if (guildChannel && (DiscordPayloads.botPermissionsIn(permissionsChannel) & DiscordPayloads.READ_MESSAGE_HISTORY) == 0) {
      return json(200, messages);
    }
    long before = url.queryParameter("before") == null ? Long.MAX_VALUE : Long.parseLong(url.queryParameter("before"));
    discord.messagesIn(channelId).stream().filter(m -> m.get("id").asLong() < before)
        .sorted((a, b) -> Long.compare(b.get("id").asLong(), a.get("id").asLong())).limit(limit).forEach(messages::add);
    return json(200, messages);
  }

  private MockResponse commands(JsonNode body) {
    ArrayNode registered = DiscordPayloads.JSON.createArrayNode();
    for (JsonNode command : body) {
      ObjectNode copy = command.deepCopy();
      copy.put("id", InteractionPayloads.commandId(command.path("name").asText()))
          .put("application_id", DiscordPayloads.APP_ID).put("version", "1").put("type", 1);
      registered.add(copy);
    }
    return json(200, registered);
  }

  private MockResponse callback(List<String> r, JsonNode body) {
    String interactionId = r.get(1);
    discord.recordCallback(interactionId, body);
    int type = body.path("type").asInt();
    FakeDiscord.Hook hook = discord.hook(r.get(2));
    if (hook == null || !hook.interactionId.equals(interactionId)) {
      return json(404, object().put("message", "Unknown interaction").put("code", 10062));
    }
    MockResponse refused = DiscordMessageRules.refuseCallback(body, hook.interactionType);
    if (refused != null) return refused;
    if (!hook.acknowledged.compareAndSet(false, true)) return DiscordMessageRules.alreadyAcknowledged();
    if (type != 4 && type != 5) return new MockResponse.Builder().code(204).addHeader("Via", "1.1 google").build();
    JsonNode data = body.path("data");
    boolean ephemeral = (data.path("flags").asInt() & 64) != 0;
    ObjectNode message = webhookMessage(hook, type == 5 ? "" : data.path("content").asText(""));
    message.put("flags", (type == 5 ? 128 : 0) | (ephemeral ? 64 : 0));
    if (data.has("components")) message.set("components", data.get("components"));
    hook.originalId = message.get("id").asText();
    discord.store(message);
    ObjectNode response = object();
    response.set("interaction", object().put("id", interactionId).put("type", 2)
        .put("response_message_id", hook.originalId).put("response_message_loading", type == 5)
        .put("response_message_ephemeral", ephemeral));
    response.set("resource", object().put("type", type).set("message", message));
    return json(200, response);
  }

  private Result webhook(String method, List<String> r, JsonNode body) {
    FakeDiscord.Hook hook = discord.hook(r.get(2));
    if (hook == null) return () -> json(404, object().put("message", "Unknown Webhook").put("code", 10015));
    if (r.size() == 3 && method.equals("POST")) {
      MockResponse refused = DiscordMessageRules.refuseCreate(body);
      if (refused != null) return () -> refused;
      return () -> {
        ObjectNode message = webhookMessage(hook, body.path("content").asText(""));
        if (body.has("components")) message.set("components", body.get("components"));
        discord.store(message);
        hook.followUpIds.add(message.get("id").asText());
        return json(200, message);
      };
    }
    String id = r.get(4).equals("@original") ? hook.originalId : r.get(4);
    if (method.equals("PATCH")) {
      MockResponse refused = DiscordMessageRules.refuseEdit(body, id == null ? null : discord.message(id));
      if (refused != null) return () -> refused;
    }
    return switch (method) {
      case "PATCH" -> () -> edited(id, body);
      case "GET" -> () -> message(id);
      case "DELETE" -> () -> deleted(id);
      default -> () -> json(405, object().put("message", "405: Method Not Allowed").put("code", 0));
    };
  }

  private MockResponse created(String channelId, JsonNode body) {
    JsonNode thread = discord.thread(channelId);
    String guildId = thread != null || channelId.equals(DiscordPayloads.CHANNEL_ID)
        || channelId.equals(DiscordPayloads.NO_THREADS_CHANNEL_ID) ? DiscordPayloads.GUILD_ID : null;
    ObjectNode message = DiscordPayloads.message(Snowflakes.now(), channelId, guildId, DiscordPayloads.botUser(),
        body.path("content").asText(""));
    if (body.has("components")) message.set("components", body.get("components"));
    discord.store(message);
    return json(200, message);
  }

  private MockResponse edited(String id, JsonNode body) {
    ObjectNode message = discord.edit(id, body);
    return message == null ? json(404, object().put("message", "Unknown Message").put("code", 10008))
        : json(200, message);
  }

  private MockResponse deleted(String id) {
    return discord.delete(id) ? new MockResponse.Builder().code(204).addHeader("Via", "1.1 google").build()
        : json(404, object().put("message", "Unknown Message").put("code", 10008));
  }

  private MockResponse message(String id) {
    ObjectNode message = discord.message(id);
    return message == null ? json(404, object().put("message", "Unknown Message").put("code", 10008))
        : json(200, message);
  }

  private MockResponse thread(List<String> r, JsonNode body) {
    String parentId = r.get(1);
    String messageId = r.get(3);
    ObjectNode thread = DiscordPayloads.thread(messageId, parentId, DiscordPayloads.BOT_ID,
        body.path("name").asText("thread"));
    discord.addThread(thread);
    ObjectNode event = thread.deepCopy().put("newly_created", true);
    discord.gateway().dispatch("THREAD_CREATE", event);
    return json(201, thread);
  }

  /** Threads need Send Messages in Threads; other channels Send Messages. */
  private long sendPermission(String channelId) {
    return discord.thread(channelId) != null ? DiscordPayloads.SEND_MESSAGES_IN_THREADS : DiscordPayloads.SEND_MESSAGES;
  }

  private MockResponse missingPermission(String channelId, long permission) {
    JsonNode thread = discord.thread(channelId);
    String permissionsChannel = thread != null ? thread.path("parent_id").asText() : channelId;
    boolean guildChannel = permissionsChannel.equals(DiscordPayloads.CHANNEL_ID)
        || permissionsChannel.equals(DiscordPayloads.NO_THREADS_CHANNEL_ID);
    if (!guildChannel || (DiscordPayloads.botPermissionsIn(permissionsChannel) & permission) == permission) return null;
    return json(403, object().put("message", "Missing Permissions").put("code", 50013));
  }

  private MockResponse gatewayBot() {
    ObjectNode body = object().put("url", discord.gatewayUrl()).put("shards", 1);
    body.set("session_start_limit", object().put("total", 1000).put("remaining", 999)
        .put("reset_after", 14400000).put("max_concurrency", 1));
    return json(200, body);
  }

  private ObjectNode webhookMessage(FakeDiscord.Hook hook, String content) {
    ObjectNode message = DiscordPayloads.message(Snowflakes.now(), hook.channelId, hook.guildId,
        DiscordPayloads.botUser(), content);
    return message.put("webhook_id", DiscordPayloads.APP_ID).put("application_id", DiscordPayloads.APP_ID);
  }

  /** A response computed only if the bucket lets the request through. */
  @FunctionalInterface
  private interface Result {
    MockResponse get();
  }

  private MockResponse limited(String bucket, Result result) {
    FakeRateLimits.Verdict verdict = discord.rateLimits().take(bucket);
    MockResponse.Builder builder;
    if (verdict.allowed()) {
      builder = result.get().newBuilder();
    } else {
      return tooManyRequests(verdict);
    }
    for (Map.Entry<String, String> header : verdict.headers().entrySet()) {
      builder.setHeader(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  /** Discord's 429: {@code retry_after} in fractional seconds, an integer {@code Retry-After}. */
  private static MockResponse tooManyRequests(FakeRateLimits.Verdict verdict) {
    ObjectNode body = object().put("message", "You are being rate limited.")
        .put("retry_after", Math.round(verdict.resetAfterSeconds() * 1000) / 1000.0).put("global", verdict.global());
    MockResponse.Builder builder = json(429, body).newBuilder().addHeader("Retry-After", verdict.retryAfterHeader());
    if (!verdict.global()) builder.addHeader("X-RateLimit-Scope", "user");
    for (Map.Entry<String, String> header : verdict.headers().entrySet()) {
      builder.setHeader(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  static MockResponse json(int code, JsonNode body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .addHeader("Via", "1.1 google").body(body.toString()).build();
  }

  private static Integer errorCode(MockResponse response) {
    if (response.getCode() < 400 || response.getBody() == null) return null;
    try {
      okio.Buffer buffer = new okio.Buffer();
      response.getBody().writeTo(buffer);
      return DiscordPayloads.parse(buffer.readUtf8()).path("code").asInt(0);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static JsonNode parseBody(RecordedRequest request) {
    if (request.getBody() == null || request.getBody().size() == 0) return MissingNode.getInstance();
    String text = request.getBody().utf8();
    return text.startsWith("{") || text.startsWith("[") ? DiscordPayloads.parse(text) : MissingNode.getInstance();
  }
}
