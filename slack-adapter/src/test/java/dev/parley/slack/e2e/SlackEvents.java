package dev.parley.slack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Builds Slack payloads in their documented shapes, as the fake delivers them. */
public final class SlackEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackEvents() {}

  /** An {@code event_callback} around {@code event}, with a fresh {@code event_id}. */
  public static ObjectNode callback(ObjectNode event) {
    return callback(event, "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase());
  }

  public static ObjectNode callback(ObjectNode event, String eventId) {
    ObjectNode callback = JSON.createObjectNode()
        .put("token", "fake-verification-token").put("team_id", FakeSlack.TEAM).put("context_team_id", FakeSlack.TEAM)
        .put("api_app_id", "A0PARLEY");
    callback.set("event", event);
    callback.put("type", "event_callback").put("event_id", eventId).put("event_time", 1767225600);
    ObjectNode authorization = callback.putArray("authorizations").addObject();
    authorization.putNull("enterprise_id");
    authorization.put("team_id", FakeSlack.TEAM).put("user_id", FakeSlack.BOT_USER).put("is_bot", true)
        .put("is_enterprise_install", false);
    callback.put("is_ext_shared_channel", false).put("event_context", "4-eyJldCI6ImFwcF9tZW50aW9uIn0");
    return callback;
  }

  /** {@code app_mention}: "<@bot> text", top-level when {@code threadTs} is null. */
  public static ObjectNode mention(String channel, String user, String text, String ts, String threadTs) {
    ObjectNode event = message(channel, user, "<@" + FakeSlack.BOT_USER + "> " + text, ts, threadTs);
    event.put("type", "app_mention");
    event.remove("channel_type");
    return event;
  }

  /** {@code message} in a public channel. */
  public static ObjectNode channelMessage(String channel, String user, String text, String ts, String threadTs) {
    return message(channel, user, text, ts, threadTs);
  }

  /** {@code message.im}: a direct message, top-level when {@code threadTs} is null. */
  public static ObjectNode directMessage(String channel, String user, String text, String ts, String threadTs) {
    return message(channel, user, text, ts, threadTs).put("channel_type", "im");
  }

  /**
   * {@code event} with files shared: Slack's file objects in {@code files}, and on a
   * {@code message} the {@code file_share} subtype ({@code app_mention} has no subtype).
   */
  public static ObjectNode withFiles(ObjectNode event, ObjectNode... files) {
    var array = event.putArray("files");
    for (ObjectNode file : files) array.add(file);
    event.put("upload", false).put("display_as_bot", false);
    if (event.path("type").asText().equals("message")) event.put("subtype", "file_share");
    return event;
  }

  /** {@code assistant_thread_started}. */
  public static ObjectNode assistantThreadStarted(String channel, String user, String threadTs) {
    ObjectNode event = JSON.createObjectNode().put("type", "assistant_thread_started");
    ObjectNode thread = event.putObject("assistant_thread");
    thread.put("user_id", user).put("channel_id", channel).put("thread_ts", threadTs);
    thread.putObject("context").put("channel_id", "C0CONTEXT").put("team_id", FakeSlack.TEAM)
        .put("enterprise_id", (String) null);
    event.put("event_ts", threadTs);
    return event;
  }

  /** The fields of a {@code /ask} slash command, as Slack sends them. */
  public static ObjectNode askCommand(String channel, String user, String text) {
    return JSON.createObjectNode().put("token", "fake-verification-token").put("team_id", FakeSlack.TEAM)
        .put("team_domain", "parley-test").put("channel_id", channel).put("channel_name", "general")
        .put("user_id", user).put("user_name", "ada").put("command", "/ask").put("text", text)
        .put("api_app_id", "A0PARLEY").put("is_enterprise_install", "false")
        .put("response_url", "https://hooks.slack.com/commands/T0PARLEY/1/abc")
        .put("trigger_id", "13345224609.738474920.8088930838d88f008e0" + UUID.randomUUID().toString().substring(0, 6));
  }

  /** A {@code block_actions} payload: {@code user} clicked {@code actionId} on the bot's message. */
  public static ObjectNode buttonClick(String channel, String user, String messageTs, String actionId, String value) {
    ObjectNode payload = JSON.createObjectNode().put("type", "block_actions");
    payload.putObject("user").put("id", user).put("username", "ada").put("name", "ada").put("team_id", FakeSlack.TEAM);
    payload.put("api_app_id", "A0PARLEY").put("token", "fake-verification-token");
    payload.putObject("container").put("type", "message").put("message_ts", messageTs)
        .put("channel_id", channel).put("is_ephemeral", false);
    payload.put("trigger_id", "13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536");
    payload.putObject("team").put("id", FakeSlack.TEAM).put("domain", "parley-test");
    payload.putObject("channel").put("id", channel).put("name", "general");
    payload.putObject("message").put("type", "message").put("ts", messageTs).put("user", FakeSlack.BOT_USER)
        .put("bot_id", FakeSlack.BOT_ID).put("text", "…");
    payload.put("response_url", "https://hooks.slack.com/actions/T0PARLEY/1/xyz");
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("action_id", actionId).put("block_id", "parley_reply_actions").put("value", value)
        .put("type", "button").put("action_ts", "1767225700.000100");
    action.putObject("text").put("type", "plain_text").put("text", "Stop").put("emoji", true);
    return payload;
  }

  private static ObjectNode message(String channel, String user, String text, String ts, String threadTs) {
    ObjectNode event = JSON.createObjectNode().put("type", "message").put("user", user).put("text", text)
        .put("ts", ts).put("channel", channel).put("event_ts", ts).put("channel_type", "channel")
        .put("team", FakeSlack.TEAM).put("client_msg_id", UUID.randomUUID().toString());
    if (threadTs != null) event.put("thread_ts", threadTs);
    return event;
  }
}
