package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fake Slack's Web API methods, answering as the documented methods do. */
final class FakeSlackMethods {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STREAMING = Set.of("chat.startStream", "chat.appendStream", "chat.stopStream");
  /** Plain message text longer than this fails with {@code msg_too_long}, as Slack does. */
  static final int MAX_TEXT = 4_000;

  private FakeSlackMethods() {}

  static ObjectNode answer(FakeSlack slack, String method, Map<String, String> p, String token) {
    if (token == null || token.isBlank()) return error("not_authed");
    if (method.equals("auth.test")) return authTest(token);
    if (method.equals("apps.connections.open")) {
      if (!token.startsWith("xapp-")) return error("not_allowed_token_type");
      return ok().put("url", "ws://127.0.0.1:" + slack.port() + "/link?ticket=" + slack.nextTs());
    }
    if (!token.equals(FakeSlack.BOT_TOKEN)) return error("invalid_auth");
    if (STREAMING.contains(method) && slack.streamingError() != null) return error(slack.streamingError());
    return switch (method) {
      case "chat.postMessage" -> postMessage(slack, p);
      case "chat.update" -> update(slack, p);
      case "chat.delete" -> delete(slack, p);
      case "chat.postEphemeral" -> p.get("channel") == null || p.get("user") == null || p.get("text") == null
          ? error("invalid_arguments") : ok().put("message_ts", slack.nextTs());
      case "chat.startStream" -> startStream(slack, p);
      case "chat.appendStream" -> appendStream(slack, p);
      case "chat.stopStream" -> stopStream(slack, p);
      case "chat.getPermalink" -> permalink(slack, p);
      case "conversations.replies" -> replies(slack, p);
      case "bots.info" -> botsInfo(p);
      case "users.info" -> usersInfo(slack, p);
      case "files.info" -> slack.files().info(p);
      case "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts" ->
          p.get("channel_id") == null || p.get("thread_ts") == null ? error("invalid_arguments") : ok();
      // title is a required argument of assistant.threads.setTitle.
      case "assistant.threads.setTitle" ->
          p.get("channel_id") == null || p.get("thread_ts") == null || blank(p.get("title"))
              ? error("invalid_arguments") : ok();
      default -> error("unknown_method");
    };
  }

  private static ObjectNode authTest(String token) {
    if (token.startsWith("xapp-")) return error("not_allowed_token_type");
    if (!token.equals(FakeSlack.BOT_TOKEN)) return error("invalid_auth");
    return ok().put("url", "https://parley-test.slack.com/").put("team", "Parley Test")
        .put("user", "parley").put("team_id", FakeSlack.TEAM).put("user_id", FakeSlack.BOT_USER)
        .put("bot_id", FakeSlack.BOT_ID).put("is_enterprise_install", false);
  }

  /**
   * Bolt asks who a {@code bot_id} is to ignore its own app's events. Any bot id names a bot:
   * Parley's own, or another app's in the same workspace (Slack answers {@code bot_not_found} only
   * for ids that never existed, which no event carries).
   */
  private static ObjectNode botsInfo(Map<String, String> p) {
    String id = p.get("bot");
    if (id == null) return error("invalid_arguments");
    boolean own = id.equals(FakeSlack.BOT_ID);
    ObjectNode bot = JSON.createObjectNode().put("id", id).put("deleted", false)
        .put("name", own ? "parley" : "another-app").put("updated", 1_767_225_600L)
        .put("app_id", own ? "A0PARLEY" : "A0" + id.substring(Math.min(2, id.length())))
        .put("user_id", own ? FakeSlack.BOT_USER : "U0" + id.substring(Math.min(2, id.length())));
    bot.putObject("icons");
    ObjectNode answer = ok();
    answer.set("bot", bot);
    return answer;
  }

  private static ObjectNode postMessage(FakeSlack slack, Map<String, String> p) {
    if (p.get("channel") == null) return error("channel_not_found");
    String text = p.getOrDefault("text", "");
    if (text.length() > MAX_TEXT) return error("msg_too_long");
    if (text.isEmpty() && p.get("blocks") == null) return error("no_text");
    String blocks = FakeSlackBlocks.problem(p.get("blocks"));
    if (blocks != null) return error("invalid_blocks").put("detail", blocks);
    FakeSlackMessage message = slack.create(p.get("channel"), p.get("thread_ts"), false);
    message.set(text, p.get("blocks"), false);
    return ok().put("channel", message.channel()).put("ts", message.ts()).set("message", messageJson(message));
  }

  private static ObjectNode update(FakeSlack slack, Map<String, String> p) {
    FakeSlackMessage message = slack.find(p.get("channel"), p.get("ts"));
    if (message == null) return error("message_not_found");
    String text = p.getOrDefault("text", "");
    if (text.length() > MAX_TEXT) return error("msg_too_long");
    // chat.update: "no_text - No message text provided" when neither text nor blocks are given.
    if (text.isEmpty() && (p.get("blocks") == null || p.get("blocks").equals("[]"))) return error("no_text");
    String blocks = FakeSlackBlocks.problem(p.get("blocks"));
    if (blocks != null) return error("invalid_blocks").put("detail", blocks);
    message.replace(text, p.get("blocks"));
    return ok().put("channel", message.channel()).put("ts", message.ts()).put("text", text);
  }

  /** {@code chat.delete} with a bot token deletes the bot's own messages; others are not found here. */
  private static ObjectNode delete(FakeSlack slack, Map<String, String> p) {
    if (p.get("channel") == null || p.get("ts") == null) return error("invalid_arguments");
    FakeSlackMessage message = slack.find(p.get("channel"), p.get("ts"));
    if (message == null) return error("message_not_found");
    slack.delete(message);
    return ok().put("channel", message.channel()).put("ts", message.ts());
  }

  /**
   * Slack documents no {@code blocks} for {@code chat.startStream} and {@code chat.appendStream}
   * ({@code markdown_text} and {@code chunks} only; blocks come with {@code chat.stopStream}): a
   * bot that sends them would count on buttons nobody sees.
   */
  private static boolean blocksWhileStreaming(Map<String, String> p) {
    return p.containsKey("blocks") || p.containsKey("attachments");
  }

  private static ObjectNode startStream(FakeSlack slack, Map<String, String> p) {
    if (p.get("channel") == null || p.get("thread_ts") == null) return error("invalid_arguments");
    if (blocksWhileStreaming(p)) return error("invalid_arguments").put("detail", "chat.startStream takes no blocks");
    // Slack requires the recipient outside DMs (docs.slack.dev/reference/methods/chat.startStream).
    boolean dm = p.get("channel").startsWith("D");
    if (!dm && (blank(p.get("recipient_user_id")) || blank(p.get("recipient_team_id")))) {
      return error("invalid_arguments").put("detail", "recipient_user_id and recipient_team_id are required outside DMs");
    }
    if (!slack.exists(p.get("channel"), p.get("thread_ts"))) return error("thread_not_found");
    FakeSlackMessage message = slack.create(p.get("channel"), p.get("thread_ts"), true);
    if (p.get("markdown_text") != null) message.append(p.get("markdown_text"));
    return ok().put("channel", message.channel()).put("ts", message.ts());
  }

  private static ObjectNode appendStream(FakeSlack slack, Map<String, String> p) {
    FakeSlackMessage message = slack.find(p.get("channel"), p.get("ts"));
    if (message == null) return error("message_not_found");
    if (expired(slack, message) || !message.streaming()) return error("message_not_in_streaming_state");
    if (blocksWhileStreaming(p)) return error("invalid_arguments").put("detail", "chat.appendStream takes no blocks");
    String text = p.getOrDefault("markdown_text", "");
    if (text.isEmpty() || text.length() > 12_000) return error("invalid_arguments");
    if (message.markdownBytes() + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > slack.streamMaxBytes()) {
      return error("msg_too_long");
    }
    message.append(text);
    return ok().put("channel", message.channel()).put("ts", message.ts());
  }

  /** Ends a stream that outlived the fake's stream lifetime, as Slack does by itself. */
  private static boolean expired(FakeSlack slack, FakeSlackMessage message) {
    if (!message.streaming()) return false;
    if (java.time.Instant.now().isBefore(message.createdAt().plus(slack.streamLifetime()))) return false;
    message.expire();
    return true;
  }

  private static ObjectNode stopStream(FakeSlack slack, Map<String, String> p) {
    FakeSlackMessage message = slack.find(p.get("channel"), p.get("ts"));
    if (message == null) return error("message_not_found");
    if (expired(slack, message) || !message.streaming()) return error("message_not_in_streaming_state");
    String blocks = FakeSlackBlocks.problem(p.get("blocks"));
    if (blocks != null) return error("invalid_blocks").put("detail", blocks);
    message.stop(p.get("markdown_text"), p.get("blocks"));
    return ok().put("channel", message.channel()).put("ts", message.ts()).set("message", messageJson(message));
  }

  /**
   * {@code conversations.replies} as documented (docs.slack.dev/reference/methods/conversations.replies):
   * {@code channel} and {@code ts} required; the thread oldest first, its parent first, in pages of
   * {@code limit} with {@code has_more} and {@code response_metadata.next_cursor} (Slack's cursor
   * is base64 of {@code next_ts:<ts>}). An app outside the Marketplace gets at most 15 messages a
   * call whatever {@code limit} asks ("the maximum and default values for the limit parameter
   * have both been reduced to 15"); other apps up to 1,000. A token without the history scope
   * gets {@code missing_scope} with {@code needed} and {@code provided}.
   */
  private static ObjectNode replies(FakeSlack slack, Map<String, String> p) {
    String channel = p.get("channel");
    String thread = p.get("ts");
    if (channel == null || thread == null) return error("invalid_arguments");
    if (slack.historyScopeRevoked()) {
      return error("missing_scope").put("needed", channel.startsWith("G") ? "groups:history" : "channels:history")
          .put("provided", "app_mentions:read,chat:write,users:read");
    }
    if (!slack.exists(channel, thread)) return error("thread_not_found");
    List<ObjectNode> inThread = new ArrayList<>();
    slack.userMessages(channel, thread).forEach(m -> inThread.add(asStoredMessage(m)));
    slack.botMessages(channel, thread).forEach(m -> inThread.add(messageJson(m)));
    inThread.sort(Comparator.comparing((ObjectNode m) -> new java.math.BigDecimal(m.path("ts").asText()))
        .thenComparing(m -> !m.path("ts").asText().equals(thread)));
    int max = slack.nonMarketplace() ? 15 : 1_000;
    int limit;
    try {
      limit = p.get("limit") == null ? max : Math.min(max, Integer.parseInt(p.get("limit")));
    } catch (NumberFormatException e) {
      return error("invalid_limit");
    }
    if (limit < 1) limit = max;
    int from = 0;
    String cursor = p.get("cursor");
    if (cursor != null && !cursor.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return error("invalid_cursor");
      }
      if (!decoded.startsWith("next_ts:")) return error("invalid_cursor");
      String nextTs = decoded.substring("next_ts:".length());
      while (from < inThread.size() && !inThread.get(from).path("ts").asText().equals(nextTs)) from++;
    }
    int to = Math.min(inThread.size(), from + limit);
    ArrayNode list = JSON.createArrayNode();
    inThread.subList(from, to).forEach(list::add);
    boolean more = to < inThread.size();
    ObjectNode answer = (ObjectNode) ok().set("messages", list);
    answer.put("has_more", more);
    answer.putObject("response_metadata").put("next_cursor", more ? Base64.getEncoder()
        .encodeToString(("next_ts:" + inThread.get(to).path("ts").asText()).getBytes(StandardCharsets.UTF_8)) : "");
    return answer;
  }

  /** A message as the history methods return it: an event's message without the event's own fields. */
  private static ObjectNode asStoredMessage(ObjectNode event) {
    ObjectNode message = event.deepCopy();
    message.put("type", "message");
    message.remove(List.of("channel", "event_ts", "channel_type"));
    return message;
  }

  /** {@code users.info}: the user object, or {@code user_not_found}. */
  private static ObjectNode usersInfo(FakeSlack slack, Map<String, String> p) {
    String id = p.get("user");
    if (id == null) return error("invalid_arguments");
    String name = slack.userName(id);
    if (name == null) return error("user_not_found");
    ObjectNode user = JSON.createObjectNode().put("id", id).put("team_id", FakeSlack.TEAM)
        .put("name", name.toLowerCase(java.util.Locale.ROOT)).put("deleted", false).put("real_name", name + " Real")
        .put("is_bot", false).put("updated", 1_767_225_600L);
    user.putObject("profile").put("real_name", name + " Real").put("display_name", name).put("team", FakeSlack.TEAM);
    ObjectNode answer = ok();
    answer.set("user", user);
    return answer;
  }

  private static ObjectNode permalink(FakeSlack slack, Map<String, String> p) {
    String channel = p.get("channel");
    String ts = p.get("message_ts");
    if (channel == null || ts == null) return error("invalid_arguments");
    if (!slack.exists(channel, ts)) return error("message_not_found");
    return ok().put("channel", channel)
        .put("permalink", "https://parley-test.slack.com/archives/" + channel + "/p" + ts.replace(".", ""));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static ObjectNode messageJson(FakeSlackMessage message) {
    ObjectNode json = JSON.createObjectNode().put("type", "message").put("user", FakeSlack.BOT_USER)
        .put("bot_id", FakeSlack.BOT_ID).put("text", message.visibleText()).put("ts", message.ts());
    if (message.threadTs() != null) json.put("thread_ts", message.threadTs());
    return json;
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }
}
