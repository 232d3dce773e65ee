package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.testing.FakeGroq;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.SlackEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Parley mentioned deep in a Slack thread, through the built jar with its default settings: the
 * thread is read once within the limits of an app outside the Slack Marketplace (15 messages,
 * once a minute) and quoted in the request the fake Groq receives.
 */
class ThreadContextThroughTheJarIT {
  private static final String CHANNEL = "C0GENERAL";
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void aMentionDeepInAThreadIsAnsweredWithTheThreadQuoted() throws Exception {
    int port = ParleyProcess.freePort();
    try (FakeGroq groq = FakeGroq.startKeyless();
        FakeSlack slack = FakeSlack.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
            "SLACK_API_URL", slack.apiUrl()))) {
      slack.nonMarketplaceApp();
      slack.addUser("U0BO", "Bo");
      String root = slack.personSaid(CHANNEL, null, "U0BO", "the nightly export is empty again");
      slack.personSaid(CHANNEL, root, "U0BO", "third time this week");
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> status(port) == 200);

      String ts = slack.nextTs();
      slack.socket().sendEvent(SlackEvents.callback(SlackEvents.mention(CHANNEL, "U0ADA", "ticket this", ts, root)), 0);

      JsonNode request = groq.takeRequest(Duration.ofSeconds(30));
      assertThat(request).as("a request reached Groq").isNotNull();
      String quote = request.path("messages").get(1).path("content").asText();
      assertThat(quote).contains("Bo, ").contains("> the nightly export is empty again").contains("> third time this week");
      assertThat(request.path("messages").get(2).path("content").asText()).isEqualTo("ticket this");
      await().atMost(Duration.ofSeconds(30)).until(() -> slack.botMessages(CHANNEL, root).stream()
          .anyMatch(m -> m.visibleText().contains("echo: ticket this")));
      assertThat(slack.calls("conversations.replies")).singleElement()
          .satisfies(call -> assertThat(call.param("limit")).isEqualTo("15"));
      assertThat(slack.rejections("conversations.replies")).isEmpty();
    }
  }

  private int status(int port) {
    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/readyz").build())
        .execute()) {
      return response.code();
    } catch (IOException e) {
      return -1;
    }
  }
}
