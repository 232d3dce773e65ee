package dev.parley.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.testing.FakeGroq;
import dev.parley.core.testing.TestFiles;
import dev.parley.slack.e2e.FakeSlack;
import dev.parley.slack.e2e.FakeSlackFile;
import dev.parley.slack.e2e.FakeSlackMessage;
import dev.parley.slack.e2e.SlackEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Files shared in Slack, through the built jar: the jar downloads them from the fake Slack's file
 * host with the bot token, and sends what it read to the fake Groq. The settings it needs
 * ({@code SLACK_FILES_URL}, the vision model's default) come from the environment, as in production.
 */
class FilesThroughTheJarIT {
  private static final String CHANNEL = "C0GENERAL";
  private static final String USER = "U0ADA";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @Test
  void anImageAndAPdfSharedWithAMentionReachTheVisionModelAndThePrompt() throws Exception {
    int port = ParleyProcess.freePort();
    byte[] png = TestFiles.png(64, 48);
    try (FakeGroq groq = FakeGroq.startKeyless().withVisionModels();
        FakeSlack slack = FakeSlack.start();
        ParleyProcess parley = ParleyProcess.start(Map.of("GROQ_BASE_URL", groq.baseUrl(), "PORT", Integer.toString(port),
            "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
            "SLACK_API_URL", slack.apiUrl(), "SLACK_FILES_URL", slack.filesUrl()))) {
      slack.socket().awaitConnected(Duration.ofSeconds(60));
      await().atMost(WAIT).until(() -> status(port) == 200);
      FakeSlackFile shot = slack.shareFile("screenshot.png", "image/png", png);
      FakeSlackFile report = slack.shareFile("report.pdf", "application/pdf",
          TestFiles.pdf("Quarterly report", "Error budget spent: 42 percent"));
      String ts = slack.nextTs();

      slack.socket().sendEvent(SlackEvents.callback(SlackEvents.withFiles(
          SlackEvents.mention(CHANNEL, USER, "what do these show?", ts, null), shot.json(), report.json())), 0);

      JsonNode request = groq.takeRequest(WAIT);
      assertThat(request.path("model").asText()).isEqualTo("meta-llama/llama-4-scout-17b-16e-instruct");
      JsonNode question = request.path("messages").get(request.path("messages").size() - 1);
      assertThat(question.path("content").findValuesAsText("url"))
          .containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
      assertThat(question.path("content").toString()).contains("Error budget spent: 42 percent");
      await().atMost(WAIT).until(() -> slack.botMessages(CHANNEL, ts).stream()
          .map(FakeSlackMessage::visibleText).anyMatch(text -> text.contains("echo")));
      assertThat(parley.stderr()).doesNotContain(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN);
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
