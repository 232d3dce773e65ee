package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself: both body encodings, token checks, Slack's error and rate-limit shapes. */
class FakeSlackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeSlack slack = FakeSlack.start();
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    slack.close();
  }

  @Test
  void acceptsJsonAndFormBodies() throws Exception {
    HttpResponse<String> json = call("chat.postMessage", "application/json; charset=utf-8",
        "{\"channel\":\"C1\",\"text\":\"from json\",\"thread_ts\":\"1.2\"}", FakeSlack.BOT_TOKEN);
    HttpResponse<String> form = call("chat.postMessage", "application/x-www-form-urlencoded",
        "channel=C1&text=from+form&thread_ts=1.2", FakeSlack.BOT_TOKEN);

    assertThat(json.body()).contains("\"ok\":true");
    assertThat(form.body()).contains("\"ok\":true");
    assertThat(slack.botMessages("C1", "1.2")).extracting(FakeSlackMessage::visibleText)
        .containsExactly("from json", "from form");
  }

  @Test
  void answersLikeSlackWhenRefusing() throws Exception {
    slack.expectError("invalid_auth").expectError("msg_too_long");
    slack.rateLimit("chat.update", 0, Duration.ofSeconds(3));

    assertThat(call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"text\":\"x\"}", "xoxb-wrong").body())
        .contains("\"error\":\"invalid_auth\"");
    assertThat(call("auth.test", "application/x-www-form-urlencoded", "", FakeSlack.APP_TOKEN).body())
        .contains("not_allowed_token_type");
    assertThat(call("chat.postMessage", "application/json",
        "{\"channel\":\"C1\",\"text\":\"" + "x".repeat(4_001) + "\"}", FakeSlack.BOT_TOKEN).body()).contains("msg_too_long");
    HttpResponse<String> limited = call("chat.update", "application/json", "{\"channel\":\"C1\",\"ts\":\"1.2\"}", FakeSlack.BOT_TOKEN);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(limited.body()).isEqualTo("{\"ok\":false,\"error\":\"ratelimited\"}");
  }

  @Test
  void answersConversationsRepliesInPagesAsAnAppOutsideTheMarketplaceGetsThem() throws Exception {
    slack.nonMarketplaceApp();
    String root = slack.personSaid("C1", null, "U1", "root");
    for (int i = 1; i <= 20; i++) slack.personSaid("C1", root, "U2", "reply " + i);

    JsonNode first = JSON.readTree(call("conversations.replies", "application/x-www-form-urlencoded",
        "channel=C1&ts=" + root + "&limit=200", FakeSlack.BOT_TOKEN).body());

    assertThat(first.path("messages")).hasSize(15);
    assertThat(first.path("messages").get(0).path("text").asText()).isEqualTo("root");
    assertThat(first.path("messages").get(1).path("type").asText()).isEqualTo("message");
    assertThat(first.path("messages").get(1).has("channel")).as("history messages name no channel").isFalse();
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(first.path("response_metadata").path("next_cursor").asText()).isNotEmpty();
    HttpResponse<String> second = call("conversations.replies", "application/x-www-form-urlencoded",
        "channel=C1&ts=" + root, FakeSlack.BOT_TOKEN);
    assertThat(second.statusCode()).as("one call a minute").isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void answersMissingScopeWithWhatIsNeeded() throws Exception {
    slack.revokeHistoryScope();
    String root = slack.personSaid("C1", null, "U1", "root");

    JsonNode answer = JSON.readTree(call("conversations.replies", "application/x-www-form-urlencoded",
        "channel=C1&ts=" + root, FakeSlack.BOT_TOKEN).body());

    assertThat(answer.path("ok").asBoolean()).isFalse();
    assertThat(answer.path("error").asText()).isEqualTo("missing_scope");
    assertThat(answer.path("needed").asText()).isEqualTo("channels:history");
  }

  @Test
  void refusesWhatSlackRefuses() throws Exception {
    String bot = FakeSlack.BOT_TOKEN;
    String posted = call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"text\":\"hi\"}", bot).body();
    String ts = posted.replaceAll(".*\"ts\":\"([0-9.]+)\".*", "$1");

    assertThat(call("chat.startStream", "application/json", "{\"channel\":\"C1\",\"thread_ts\":\"" + ts + "\"}", bot)
        .body()).contains("invalid_arguments");
    assertThat(call("chat.update", "application/json", "{\"channel\":\"C1\",\"ts\":\"" + ts + "\",\"text\":\"\"}", bot)
        .body()).contains("no_text");
    assertThat(call("conversations.replies", "application/x-www-form-urlencoded", "channel=C1&ts=9.9", bot).body())
        .contains("thread_not_found");
    assertThat(call("chat.getPermalink", "application/x-www-form-urlencoded", "channel=C1&message_ts=9.9", bot).body())
        .contains("message_not_found");
    assertThat(call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"blocks\":[{\"type\":\"section\","
        + "\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "x".repeat(3_001) + "\"}}]}", bot).body()).contains("invalid_blocks");
    assertThat(call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"blocks\":[{\"type\":\"actions\","
        + "\"elements\":[{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"Go\"}}]}]}", bot).body())
        .contains("invalid_blocks");
    assertThat(call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"blocks\":[{\"type\":\"banner\"}]}", bot)
        .body()).contains("invalid_blocks");
    assertThat(call("chat.unfurlEverything", "application/json", "{}", bot).body()).contains("unknown_method");
    assertThat(call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"text\":\"x\"}", "").body())
        .contains("not_authed");
    assertThat(slack.calls()).filteredOn(c -> !c.ok()).extracting(FakeSlack.ApiCall::error).containsExactly(
        "invalid_arguments", "no_text", "thread_not_found", "message_not_found", "invalid_blocks", "invalid_blocks",
        "invalid_blocks", "unknown_method", "not_authed");
    assertThat(slack.unexpectedErrors()).hasSize(9);
    slack.expectError("invalid_arguments").expectError("no_text").expectError("thread_not_found")
        .expectError("message_not_found").expectError("invalid_blocks").expectError("unknown_method")
        .expectError("not_authed");
  }

  @Test
  void chatDeleteRemovesTheBotsMessageOnceThenAnswersMessageNotFound() throws Exception {
    String bot = FakeSlack.BOT_TOKEN;
    String posted = call("chat.postMessage", "application/json", "{\"channel\":\"C1\",\"text\":\"hi\"}", bot).body();
    String ts = posted.replaceAll(".*\"ts\":\"([0-9.]+)\".*", "$1");
    String delete = "{\"channel\":\"C1\",\"ts\":\"" + ts + "\"}";

    assertThat(call("chat.delete", "application/json", delete, bot).body()).contains("\"ok\":true");
    assertThat(slack.botMessages()).isEmpty();
    assertThat(call("chat.delete", "application/json", delete, bot).body()).contains("message_not_found");
    slack.expectError("message_not_found");
  }

  @Test
  void streamsLikeSlackWithinItsLimits() throws Exception {
    String bot = FakeSlack.BOT_TOKEN;
    slack.expectError("invalid_arguments").expectError("msg_too_long").expectError("message_not_in_streaming_state")
        .expectError("message_not_found");
    slack.streamMaxBytes(20);
    slack.streamLifetime(Duration.ofMillis(300));
    String thread = slack.nextTs();
    slack.rememberUserMessage(SlackEvents.channelMessage("C1", "U1", "q", thread, null));
    String start = "{\"channel\":\"C1\",\"thread_ts\":\"" + thread + "\",\"recipient_user_id\":\"U1\","
        + "\"recipient_team_id\":\"T1\"}";
    String ts = call("chat.startStream", "application/json", start, bot).body().replaceAll(".*\"ts\":\"([0-9.]+)\".*", "$1");
    String append = "{\"channel\":\"C1\",\"ts\":\"" + ts + "\",\"markdown_text\":\"%s\"%s}";

    assertThat(call("chat.appendStream", "application/json", append.formatted("twelve bytes", ""), bot).body())
        .contains("\"ok\":true");
    assertThat(call("chat.appendStream", "application/json", append.formatted("x", ",\"blocks\":[]"), bot).body())
        .contains("invalid_arguments");
    assertThat(call("chat.appendStream", "application/json", append.formatted("and nine more", ""), bot).body())
        .contains("msg_too_long");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> call("chat.appendStream",
        "application/json", append.formatted("late", ""), bot).body().contains("message_not_in_streaming_state"));
    assertThat(slack.botMessages("C1", thread)).singleElement().satisfies(m -> {
      assertThat(m.streaming()).isFalse();
      assertThat(m.visibleText()).startsWith("twelve bytes").doesNotContain("and nine more");
    });
    assertThat(call("chat.delete", "application/json", "{\"channel\":\"C1\",\"ts\":\"" + ts + "\"}", bot).body())
        .contains("\"ok\":true");
    assertThat(slack.botMessages("C1", thread)).isEmpty();
    assertThat(call("chat.delete", "application/json", "{\"channel\":\"C1\",\"ts\":\"" + ts + "\"}", bot).body())
        .contains("message_not_found");
  }

  @Test
  void servesSharedFilesOnlyWithTheBotTokenAndDescribesThemStrictly() throws Exception {
    slack.expectError("sign_in_page").expectError("file_not_found").expectError("invalid_arguments")
        .expectError("not_authed");
    FakeSlackFile file = slack.shareFile("notes.txt", "text/plain", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String bot = FakeSlack.BOT_TOKEN;

    HttpResponse<String> withToken = get(file.urlPrivateDownload(), bot);
    HttpResponse<String> withoutToken = get(file.urlPrivate(), null);
    String info = call("files.info", "application/x-www-form-urlencoded", "file=" + file.id(), bot).body();

    assertThat(withToken.body()).isEqualTo("hello");
    assertThat(withToken.headers().firstValue("Content-Type")).hasValue("text/plain");
    // Slack does not refuse a download without credentials: it answers 200 with its sign-in page.
    assertThat(withoutToken.statusCode()).isEqualTo(200);
    assertThat(withoutToken.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(info).path("file").path("url_private").asText())
        .isEqualTo(file.urlPrivate());
    assertThat(call("files.info", "application/x-www-form-urlencoded", "file=F0NOPE", bot).body())
        .contains("file_not_found");
    assertThat(call("files.info", "application/x-www-form-urlencoded", "", bot).body()).contains("invalid_arguments");
    assertThat(call("files.info", "application/x-www-form-urlencoded", "file=" + file.id(), "").body())
        .contains("not_authed");
    file.delete();
    assertThat(get(file.urlPrivateDownload(), bot).statusCode()).isEqualTo(404);
    assertThat(slack.downloads()).extracting(FakeSlackFiles.Download::error)
        .containsExactly(null, "sign_in_page", "file_not_found");
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) request.header("Authorization", "Bearer " + token);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String contentType, String body, String token) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
        .header("Content-Type", contentType).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
