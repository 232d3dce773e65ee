package dev.parley.slack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself: both body encodings, token checks, Slack's error and rate-limit shapes. */
class FakeSlackTest {
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

  private HttpResponse<String> call(String method, String contentType, String body, String token) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
        .header("Content-Type", contentType).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
